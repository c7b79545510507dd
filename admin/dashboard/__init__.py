"""The district's home: every school side by side."""
