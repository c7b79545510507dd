"""What the consents tell whoever listens (blinker signals; sent with the app as the sender).

A listener connects for one app when its blueprint is registered (`bp.record_once`), so a feature
that comes later in the year acts on a consent without the consents importing it.
"""

from blinker import Namespace

_signals = Namespace()

# The person's last valid data consent (152-ФЗ) was revoked; sent with `staff` and `on`, the day,
# after the person's details are hidden and before the revocation is flushed.
data_consent_withdrawn = _signals.signal("data-consent-withdrawn")
