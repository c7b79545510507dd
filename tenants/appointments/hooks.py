"""What the appointments ask of the features that come later in the year."""

from nastavnik.hooks import Hook

# Given an order id: is it a draft that still exists? (The school's orders answer.)
DRAFT_EXISTS = Hook("appointments.draft_exists")
