"""The Regulation on the mentoring system the school adopts, and the order that puts it into force."""
