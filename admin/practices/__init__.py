"""The methodologist's review of the best practices schools submit."""
