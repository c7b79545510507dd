"""The daily digest: the same items as the home page's «Ждёт вашего решения», by e-mail.

Sent by `flask send-digests` (cron, once a day), school by school, over each school's own SMTP
server; a school without one is skipped. A person gets it when something waits for them, their
staff record has an e-mail address and they did not opt out.
"""

import smtplib
from dataclasses import dataclass, field
from datetime import date

from flask import current_app, url_for
from flask_mailman import EmailMessage
from sqlalchemy import select

from nastavnik.dates import format_date
from nastavnik.extensions import db
from nastavnik.models import Account, School
from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.home.waiting import waiting_for
from nastavnik.tenants.staff.models import Staff
from nastavnik.waiting import Waiting

from .blueprint import mail
from .models import DigestOptOut, MailSettings, Security
from .services import password_of, settings

TIMEOUT = 20  # seconds: one slow server does not hold up the other schools


def connection(current: MailSettings):
    password = password_of(current)
    if password is None:
        raise smtplib.SMTPException(
            "пароль SMTP не читается (сменился секретный ключ): введите его заново в настройках"
        )
    return mail.get_connection(
        backend="smtp",
        host=current.host,
        port=current.port,
        username=current.login or "",
        password=password or "",
        use_tls=current.security == Security.STARTTLS,
        use_ssl=current.security == Security.SSL,
        timeout=TIMEOUT,
    )


def recipients() -> list[tuple[Account, str]]:
    """The bound school's active accounts with an e-mail address who did not opt out."""
    opted_out = select(DigestOptOut.id).where(DigestOptOut.account_id == Account.id).exists()
    rows = db.session.execute(
        select(Account, Staff.email)
        .join(Staff, Staff.account_id == Account.id)
        .where(
            Account.active.is_(True),
            Staff.email != "",
            Staff.data_hidden.is_(False),
            ~opted_out,
        )
        .order_by(Account.id)
    ).tuples()
    seen, found = set(), []
    for account, email in rows:
        if account.id not in seen:
            seen.add(account.id)
            found.append((account, email))
    return found


def _link(item: Waiting, school: School) -> str:
    return url_for(item.endpoint, school_slug=school.slug, _external=True, **item.values)


def message(
    account: Account, email: str, items: list[Waiting], school: School, current: MailSettings
) -> EmailMessage:
    """One person's digest: plain text, in Russian."""
    lines = [
        f"Здравствуйте, {account.full_name}!",
        "",
        f"В системе «Наставник» ({school.short_name}) ждёт вашего решения:",
        "",
    ]
    for number, item in enumerate(items, 1):
        lines += [f"{number}. {item.text}", f"   {item.action}: {_link(item, school)}", ""]
    lines += [
        "Письмо приходит раз в день, когда что-то ждёт вашего решения.",
        "Отказаться от сводки: "
        + url_for("notifications.mine", school_slug=school.slug, _external=True),
    ]
    return EmailMessage(
        subject=f"Наставник: ждёт вашего решения ({len(items)}) — {school.short_name}",
        body="\n".join(lines),
        from_email=current.sender,
        to=[email],
    )


@dataclass
class SchoolReport:
    slug: str
    sent: int = 0
    problem: str = ""
    to: list[str] = field(default_factory=list)


def digests_of_school(school: School, today: date) -> tuple[MailSettings, list[EmailMessage]]:
    """The bound school's settings and the digests due today (none when e-mail is off)."""
    current = settings()
    if not current.is_on:
        return current, []
    messages = []
    for account, email in recipients():
        items = waiting_for(account, today)
        if items:
            messages.append(message(account, email, items, school, current))
    return current, messages


def send_digests(today: date, only: str | None = None, base_url: str | None = None):
    """Sends every school's digests; one report line per school. Nothing is written."""
    statement = select(School).where(School.active.is_(True)).order_by(School.slug)
    if only:
        statement = statement.where(School.slug == only)
    schools = list(db.session.execute(statement).scalars())
    reports = []
    for school in schools:
        report = SchoolReport(school.slug)
        reports.append(report)
        with scoped(Scope.school(school.id)):
            current = settings()
            if not current.is_on:
                report.problem = "почта не настроена"
                continue
            site = base_url or current.site_url or "http://127.0.0.1:5000"
            with current_app.test_request_context("/", base_url=site):
                _, messages = digests_of_school(school, today)
            if not messages:
                continue
            try:
                sent = connection(current).send_messages(messages)
            except (smtplib.SMTPException, OSError) as error:
                report.problem = f"ошибка SMTP: {error}"
                continue
            report.sent = sent or 0
            report.to = [m.to[0] for m in messages]
        db.session.rollback()  # nothing to keep: the digest only reads
    return reports


def describe(report: SchoolReport, today: date) -> str:
    if report.problem:
        return f"{report.slug}: {report.problem}"
    return f"{report.slug}: писем отправлено — {report.sent} ({format_date(today)})"
