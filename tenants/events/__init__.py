"""The school's events of the roadmap: seminars, round tables, setup sessions, contests."""
