"""E-mail of the school: its SMTP server, the daily digest of what waits, and each opt-out."""
