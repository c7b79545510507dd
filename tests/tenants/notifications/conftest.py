"""A real SMTP server on this machine (aiosmtpd, on a free port) that keeps what arrives."""

import email
import email.policy
import socket
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

# aiosmtpd sets its own deprecated Session.login_data on every login (in its server's thread,
# under the tests' warnings-as-errors): the modules that log in to it carry this mark.
AIOSMTPD_WARNINGS = pytest.mark.filterwarnings(
    "ignore:Session.login_data is deprecated:DeprecationWarning"
)

SMTP_LOGIN, SMTP_PASSWORD = "school@example.ru", "Mail-Password-42"


@dataclass
class Inbox:
    """What the server received: each message with its envelope's recipients."""

    received: list = field(default_factory=list)
    logins: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 Принято"

    def to(self, address: str) -> list:
        return [m for rcpt, m in self.received if address in rcpt]

    @property
    def recipients(self) -> set[str]:
        return {a for rcpt, _ in self.received for a in rcpt}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode(),
            auth_data.password.decode(),
        ) == (SMTP_LOGIN, SMTP_PASSWORD)
        inbox.logins.append(auth_data.login.decode() if ok else "отказ")
        return AuthResult(success=ok)

    port = free_port()
    # Plain AUTH without TLS, on 127.0.0.1 only: what a school's server inside its network takes.
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=authenticate, auth_require_tls=False
    )
    controller.start()
    inbox.port = port
    try:
        yield inbox
    finally:
        controller.stop()
