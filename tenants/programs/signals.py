"""What the programs tell whoever listens (blinker signals; sent with the app as the sender).

A listener connects for one app when its blueprint is registered (`bp.record_once`), so a feature
that comes later in the year acts on a program without the programs importing it.
"""

from blinker import Namespace

_signals = Namespace()

# 7.1: a program has ended; sent with `program` and `on`, the day, after the ending is flushed.
program_ended = _signals.signal("program-ended")
