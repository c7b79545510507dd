"""The real server on loopback, in processes of its own, for the benchmarks that load it.

gunicorn with --workers processes of --threads threads, as the README recommends for production
(«Сервер: gunicorn с несколькими процессами»), or waitress in one process for comparison.
"""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settle_threads(args) -> None:
    """Unless given: one thread a gunicorn process on either database, as the README advises
    (see there why), and waitress's 8."""
    if args.threads is None:
        args.threads = 1 if args.server == "gunicorn" else 8


def add_server_options(parser, workers: int = 5) -> None:
    parser.add_argument("--server", choices=("gunicorn", "waitress"), default="gunicorn")
    parser.add_argument(
        "--workers", type=int, default=workers, help=f"gunicorn processes ({workers})"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="threads per process (gunicorn 1, as the README recommends; waitress 8)",
    )


def start_server(args, instance: Path):
    """Start the server on a free port; returns (process, base URL, log file)."""
    port = free_port()
    # Every user comes from 127.0.0.1 here, as a school's teachers come from its one router:
    # the login limits stay as configured (a success is not counted against the address).
    env = {**os.environ, "NASTAVNIK_INSTANCE": str(instance)}
    if args.server == "gunicorn":
        command = [sys.executable, "-m", "gunicorn", f"--bind=127.0.0.1:{port}"]
        command += [f"--workers={args.workers}", f"--threads={args.threads}"]
        command += ["--timeout=60", "--graceful-timeout=10"]
        # idle connections kept longer than a user's pause, as a proxy in front would keep them
        command += ["--keep-alive=10"]
        command += ["nastavnik.app:create_app()"]
        shown = f"gunicorn, {args.workers} проц. × {args.threads} потоков"
    else:
        command = [sys.executable, "-m", "waitress", "--host=127.0.0.1", f"--port={port}"]
        command += [f"--threads={args.threads}", "--call", "nastavnik.app:create_app"]
        shown = f"waitress, 1 проц. × {args.threads} потоков"
    log = open(instance / "server.log", "w")  # noqa: SIM115  (closed with the server)
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            requests.get(base + "/district/login", timeout=10)
            print(f"Сервер: {shown} ({base})")
            return server, base, log
        except requests.RequestException:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("Сервер не запустился: " + (instance / "server.log").read_text())


def stop(server) -> None:
    server.terminate()
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
