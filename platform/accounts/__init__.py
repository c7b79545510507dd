"""A school's accounts, kept by its system administrator or director."""
