"""The platform served by waitress for test_faults.py, as a process of its own that the test
kills with SIGKILL in the middle of a write.

    python serve_until_killed.py PORT   (DATABASE_URL, NASTAVNIK_INSTANCE from the environment)

With STOP_AT set, the process stops dead once it has executed a statement beginning so: it
writes the statement to STOP_MARKER and waits (inside the request's open transaction) for the
test to kill it. Test-only: nothing of this is in the platform.
"""

import os
import sys
import time
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from waitress import serve

from nastavnik.app import create_app

STOP_AT = os.environ.get("STOP_AT")


@event.listens_for(Engine, "after_cursor_execute")
def _stop_here(conn, cursor, statement, parameters, context, executemany):
    if STOP_AT and statement.lstrip().startswith(STOP_AT):
        Path(os.environ["STOP_MARKER"]).write_text(statement)
        time.sleep(600)  # killed long before


app = create_app(
    {
        "SECRET_KEY": "test-secret-key-only-for-tests",
        "WTF_CSRF_ENABLED": False,
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 1024,
    }
)
serve(app, host="127.0.0.1", port=int(sys.argv[1]), threads=2)
