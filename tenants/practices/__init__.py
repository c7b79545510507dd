"""Best practices: the school's bank (методическая копилка) and the district's shared library."""
