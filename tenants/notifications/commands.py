"""`flask send-digests`: the daily digest of what waits, for cron."""

from datetime import date

import click

from nastavnik import dates

from .blueprint import bp
from .digest import describe, send_digests


@bp.cli.command("send-digests")
@click.option("--school", "slug", default=None, help="Только эта школа (её адрес).")
@click.option("--date", "on", default=None, help="Дата сводки ГГГГ-ММ-ДД (по умолчанию сегодня).")
@click.option("--base-url", default=None, help="Адрес платформы для ссылок в письмах.")
def send_digests_command(slug, on, base_url):
    """Разослать ежедневные сводки «Ждёт вашего решения» по почте школ."""
    try:
        today = date.fromisoformat(on) if on else dates.today()
    except ValueError:
        raise click.BadParameter("укажите дату в виде ГГГГ-ММ-ДД", param_hint="--date") from None
    failed = False
    for report in send_digests(today, slug, base_url):
        click.echo(describe(report, today))
        failed = failed or report.problem.startswith("ошибка")
    if failed:
        raise SystemExit(1)
