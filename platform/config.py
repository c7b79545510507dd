"""Configuration: defaults here, then `instance/config.py`, then the environment."""

import os
import secrets
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


class Defaults:
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024  # uploads: scans of consents, .xlsx lists
    # Production behind a TLS proxy: how many proxies' X-Forwarded-* headers to believe
    # (NASTAVNIK_TRUSTED_PROXIES=1 behind one nginx); 0 believes none.
    TRUSTED_PROXIES = 0
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_NAME = "nastavnik_session"
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 12
    WTF_CSRF_TIME_LIMIT = 60 * 60 * 12
    WTF_I18N_ENABLED = False  # WTForms' own Russian messages (nastavnik.forms.Form)
    BOOTSTRAP_SERVE_LOCAL = True
    BOOTSTRAP_BTN_STYLE = "primary"
    # Login attempts allowed, as (attempts, seconds) windows (throttle.py): growing waits for an
    # account from one address; far more for it from addresses it never logged in from; and
    # per address across accounts.
    LOGIN_LIMITS_PER_ACCOUNT_AND_ADDRESS = ((5, 60), (10, 15 * 60), (20, 24 * 60 * 60))
    LOGIN_LIMITS_PER_ACCOUNT = ((100, 60 * 60),)
    LOGIN_LIMITS_PER_ADDRESS = ((30, 15 * 60),)
    LOGIN_KNOWN_ADDRESS_DAYS = 90
    # Where the counters live: Redis shared by every worker (NASTAVNIK_THROTTLE_STORAGE_URI=
    # redis://127.0.0.1:6379/0), or, when unset, the database.
    THROTTLE_STORAGE_URI = None
    # A one-time password given by a curator or administrator works this many days.
    ONE_TIME_PASSWORD_DAYS = 7
    # OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane.
    ARGON2_TIME_COST = 2
    ARGON2_MEMORY_COST = 19 * 1024
    ARGON2_PARALLELISM = 1
    # The district's overview is recomputed at most once a minute (README, «Район»): in the
    # process's memory; NASTAVNIK_CACHE_REDIS_URL=redis://… shares it between processes.
    CACHE_TYPE = "SimpleCache"
    CACHE_DEFAULT_TIMEOUT = 60
    CACHE_KEY_PREFIX = "nastavnik:"


def instance_path() -> Path:
    return Path(os.environ.get("NASTAVNIK_INSTANCE", REPO_ROOT / "instance")).resolve()


def load_secret_key(folder: Path) -> str:
    """The instance's own random key, made on first run; never one shipped in the code."""
    key_file = folder / "secret_key"
    if not key_file.exists():
        folder.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def database_url(folder: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{folder / 'nastavnik.db'}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url
