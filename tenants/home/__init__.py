"""A school member's home page: what each role has to do."""
