"""The hand-written iCalendar text: escaping (RFC 5545 3.3.11) and line folding (3.1)."""

import pytest


@pytest.fixture
def ics(app):
    # Imported once the app has loaded the features in their registration order.
    from nastavnik.tenants.calendar import services

    return services


def test_text_values_escape_backslash_semicolon_comma_and_newlines(ics):
    assert ics.escape_text("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"


def test_control_characters_are_dropped_but_a_colon_is_kept(ics):
    assert ics.escape_text("до\x00 срока\x07: 10:00\tутра") == "до срока: 10:00\tутра"


def test_short_lines_are_not_folded(ics):
    assert ics.fold("SUMMARY:Открытый урок") == "SUMMARY:Открытый урок"


def test_long_lines_fold_at_75_octets_without_splitting_a_letter(ics):
    line = "SUMMARY:" + "Посещение уроков наставника и анализ " * 6
    folded = ics.fold(line)
    pieces = folded.split("\r\n")
    assert len(pieces) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join([pieces[0], *(p[1:] for p in pieces[1:])]) == line


def test_an_ascii_line_of_exactly_75_octets_stays_whole(ics):
    line = "X" * 75
    assert ics.fold(line) == line
    assert ics.fold(line + "Y") == line + "\r\n Y"
