"""What the banks tell whoever listens (blinker signals; sent with the app as the sender).

A listener connects for one app when its blueprint is registered (`bp.record_once`), so a feature
that comes later in the year acts on a bank entry without the banks importing it.
"""

from blinker import Namespace

_signals = Namespace()

# Stage 3: a teacher has entered the mentor bank; sent with `entry` and `on`, after the flush.
mentor_entered_bank = _signals.signal("mentor-entered-bank")
