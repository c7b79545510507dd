"""This feature keeps no tables of its own."""
