"""The school's public mentoring section (Regulation 8.1), open to anyone, and its editing."""
