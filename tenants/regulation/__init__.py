"""The Regulation the school adopts, and the order that puts it into force."""
