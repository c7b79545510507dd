"""The SMTP password, kept encrypted (Fernet) with a key derived from the app's secret key.

The database alone (a dump, a backup) does not give the password away: the key lives in
`instance/secret_key` (or SECRET_KEY), not in the database. The password is never shown back
on a page nor written to a log; a new secret key makes the stored one unreadable, and the
settings page then asks for it again.
"""

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app


def _fernet() -> Fernet:
    secret = current_app.secret_key
    secret = secret.encode() if isinstance(secret, str) else bytes(secret)
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"nastavnik", info=b"smtp password"
    ).derive(secret)
    return Fernet(base64.urlsafe_b64encode(key))


def seal(password: str) -> str:
    return _fernet().encrypt(password.encode()).decode() if password else ""


def unseal(sealed: str) -> str | None:
    """The password; "" when none is kept; None when it cannot be read with this secret key."""
    if not sealed:
        return ""
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None
