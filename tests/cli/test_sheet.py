"""`balint sheet`: the attendance list of a session and a nameless certificate of attendance,
as a leader prints them: what each says, its figures against `log summary --json`, German
when the language is, one sentence for each wrong request, and A4 pages in a real browser."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.german import english_in
from support.helpers import balint, sheet_page, write
from support.logfixtures import MARCH, complete, fake_log, start_line
from support.pages import GROUPS, Sheet, reader_text

from balint_cli.logbook import writing

AT = MARCH  # a Tuesday


def _refused(*args: str, status: int = 2) -> str:
    """The one sentence a request is refused with."""
    result = balint("sheet", *args)
    assert result.exit_code == status, result.output
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    return result.stderr


# -- the attendance list -----------------------------------------------------------------------


def test_the_attendance_list_says_what_the_session_is(home: Path, tmp_path: Path) -> None:
    write(home / "groups.toml", GROUPS)
    sheet = Sheet(
        sheet_page(tmp_path, "--sign-in", "--group", "tuesday gps", "--date", "2026-03-03")
    )
    assert sheet.facts["Balint group"] == "Tuesday GPs"
    assert sheet.facts["Date"] == "2026-03-03"
    assert sheet.facts["Time"] == "from 12:30 to 13:15", "the format's length before its end"
    assert sheet.facts["Format"] == "45-minute lunchtime group"
    assert sheet.facts["Length"] == "45 min · 1.0 units of 45 minutes"
    assert sheet.fields == ["Leader (name)", "Signature"]


def test_the_attendance_list_has_a_row_for_each_member_and_four_more(
    home: Path, tmp_path: Path
) -> None:
    write(home / "groups.toml", GROUPS)
    people = Sheet(sheet_page(tmp_path, "--sign-in", "--group", "Registrars")).tables["people"]
    assert people[0] == ["#", "Name", "Profession", "Signature"]
    assert [row[0] for row in people[1:]] == [str(n) for n in range(1, 21)]
    assert all(row[1:] == ["", "", ""] for row in people[1:]), "left blank, to write on"


def test_a_co_led_group_has_a_line_for_each_leader(home: Path, tmp_path: Path) -> None:
    write(home / "groups.toml", GROUPS)
    sheet = Sheet(
        sheet_page(tmp_path, "--sign-in", "--group", "Registrars", "--date", "2026-03-05")
    )
    assert sheet.fields == ["Leader (name)", "Signature"] * 2
    assert sheet.facts["Length"] == "90 min · 2.0 units of 45 minutes"
    assert re.fullmatch(r"from\s+to\s+", sheet.facts["Time"]), "no end time: lines to fill in"


def test_a_list_with_no_group_has_twelve_rows_and_lines_to_fill_in(
    home: Path, tmp_path: Path
) -> None:
    page = sheet_page(tmp_path, "--sign-in")
    sheet = Sheet(page)
    assert len(sheet.rows("people")) == 12
    assert sheet.facts["Balint group"] == ""
    assert '<dt>Balint group</dt><dd><span class="line long"></span></dd>' in page
    assert sheet.facts["Date"] in {str(date.today()), str(date.today() - timedelta(days=1))}
    assert sheet.facts["Format"] == "45-minute lunchtime group", "default_format"


def test_the_default_group_is_the_configs(home: Path, tmp_path: Path) -> None:
    write(home / "groups.toml", GROUPS)
    write(home / "config.toml", 'default_group = "Registrars"\n')
    assert Sheet(sheet_page(tmp_path, "--sign-in")).facts["Balint group"] == "Registrars"


def test_a_group_known_only_from_the_logs_is_spelt_as_they_spell_it(
    home: Path, tmp_path: Path
) -> None:
    fake_log(home, "20260303-1230-0001", complete(AT, group="Café Balint"))
    sheet = Sheet(sheet_page(tmp_path, "--sign-in", "--group", "CAFÉ BALINT"))
    assert sheet.facts["Balint group"] == "Café Balint"


def test_the_page_goes_to_the_screen_with_o_dash_and_fetches_nothing(home: Path) -> None:
    result = balint("sheet", "--sign-in", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", result.stdout)
    for outside in ("http", "<link", "<script", "src=", "url(", "@import"):
        assert outside not in result.stdout.lower(), outside


# -- the certificate ---------------------------------------------------------------------------


def _quick(at: datetime, seconds: float, **extra: Any) -> list[dict[str, Any]]:
    """A session stopped after so many seconds: a false start, if under two minutes."""
    return [
        start_line(at, **extra),
        {"event": "phase_start", "t": 0, "at": at.isoformat(), "index": 0, "phase": "facts",
         "planned": 120.0, "allotted": 120.0, "by": "start"},
        {"event": "session_end", "t": seconds, "at": (at + timedelta(seconds=seconds)).isoformat(),
         "how": "quit", "seconds": seconds, "paused": 0.0},
    ]  # fmt: skip


@contextlib.contextmanager
def _shelf(home: Path) -> Iterator[None]:
    """Ten sessions of Tuesday GPs from March to May, of 45 to 90 minutes, every third online;
    around them what a certificate never counts: another group's sessions, one before the
    period, a practice run, a false start, and a session still running (held while inside)."""
    for n in range(10):
        at = AT + timedelta(days=7 * n)
        over = (39 + 5 * n) * 60 + 30 * (n % 2)  # sessions of 45 to 90.5 minutes
        fake_log(
            home,
            f"{at:%Y%m%d-%H%M}-{n:04x}",
            complete(
                at, over=over, group="Tuesday GPs", setting="online" if n % 3 == 2 else "in-person"
            ),
        )
        fake_log(home, f"{at:%Y%m%d-%H%M}-r{n:03x}", complete(at, over=3600, group="Registrars"))
    fake_log(home, "20260210-1230-0old", complete(AT - timedelta(days=21), group="Tuesday GPs"))
    fake_log(
        home,
        "20260304-1230-prac",
        complete(AT + timedelta(days=1), over=3000, group="Tuesday GPs", speed=30.0),
    )
    fake_log(home, "20260305-1230-quik", _quick(AT + timedelta(days=2), 80.0, group="Tuesday GPs"))
    live = fake_log(
        home,
        "20260306-1230-live",
        complete(AT + timedelta(days=3), over=600, group="Tuesday GPs")[:-1],
    )
    writer = writing.LogWriter.reopen(live, pytest.fail)
    try:
        yield
    finally:
        writer.close()


PERIOD = ("--group", "tuesday GPs", "--since", "2026-03-01", "--until", "2026-05-31")


def test_the_certificate_has_the_figures_log_summary_has(home: Path, tmp_path: Path) -> None:
    with _shelf(home):
        made = balint("sheet", "--certificate", *PERIOD, "-o", str(tmp_path / "c.html"))
        summary = json.loads(balint("log", "summary", "--json", *PERIOD).stdout)
    assert made.exit_code == 0, made.output
    assert made.stdout == f"Wrote {tmp_path / 'c.html'} (10 sessions).\n"
    assert made.stderr == "Note: 1 session still running is left out until it ends.\n"
    sheet = Sheet((tmp_path / "c.html").read_text(encoding="utf-8"))
    rows = sheet.rows("sessions")
    assert summary["sessions"] == len(rows) == 10
    assert [row[1] for row in rows] == [f"{AT + timedelta(days=7 * n):%Y-%m-%d}" for n in range(10)]
    totals = sheet.totals()
    here, online = summary["in_person"], summary["online"]
    assert (here, online) == (7, 3)
    assert totals["Sessions"] == f"10 ({here} in person, {online} online)"
    assert sum(row[4] == "yes" for row in rows) == here
    assert totals["Minutes"] == f"{summary['minutes']:.0f}"
    assert totals["Units of 45 min"].startswith(f"{summary['minutes'] / 45:.1f} (")
    assert totals["Double units of 90 min"] == f"{summary['units_of_90_minutes']:.1f}"


def test_each_session_has_its_length_units_and_setting(home: Path, tmp_path: Path) -> None:
    fake_log(home, "20260303-1230-0001", complete(AT, over=84 * 60, group="Tuesday GPs"))
    fake_log(home, "20260310-1230-0002", complete(AT + timedelta(days=7), over=54 * 60,
             group="Tuesday GPs", setting="online"))  # fmt: skip
    sheet = Sheet(sheet_page(tmp_path, "--certificate", "--group", "Tuesday GPs"))
    assert sheet.rows("sessions") == [
        ["1", "2026-03-03", "90", "2.0", "yes"],
        ["2", "2026-03-10", "60", "1.3", "no, online"],
    ]
    assert sheet.totals()["Units of 45 min"] == "3.3 (2.0 in person)"
    assert sheet.facts == {"Balint group": "Tuesday GPs", "Period": "2026-03-03 to 2026-03-10"}
    assert sheet.fields == ["Participant (name)", "Place and date", "Leader (name and signature)"]


def test_a_certificate_with_no_session_says_so_and_writes_nothing(
    home: Path, tmp_path: Path
) -> None:
    fake_log(home, "20260303-1230-0001", complete(AT, over=3600, group="Tuesday GPs"))
    target = tmp_path / "c.html"
    said = _refused("--certificate", "--group", "Tuesday GPs", "--since", "2026-04-01",
                    "-o", str(target), status=1)  # fmt: skip
    assert said.startswith(
        "Error: There is no session of the group 'Tuesday GPs' from 2026-04-01 to certify"
    )
    assert not target.exists()
    write(home / "groups.toml", GROUPS)  # a group of groups.toml that has had no session yet
    said = _refused("--certificate", "--group", "registrars", "-o", str(target), status=1)
    assert said.startswith("Error: There is no session of the group 'Registrars' to certify")


# -- in German ---------------------------------------------------------------------------------


def test_both_sheets_are_german_when_config_says_so(home: Path, tmp_path: Path) -> None:
    write(home / "groups.toml", GROUPS)
    write(home / "config.toml", 'language = "de"\n')
    fake_log(home, "20260303-1230-0001", complete(AT, over=84 * 60, group="Tuesday GPs"))
    page = sheet_page(tmp_path, "--sign-in", "--group", "Tuesday GPs", "--date", "2026-03-03")
    sheet = Sheet(page)
    assert '<html lang="de">' in page
    assert sheet.heading == "Anwesenheitsliste"
    assert sheet.facts["Datum"] == "03.03.2026"
    assert sheet.facts["Uhrzeit"] == "von 12:30 bis 13:15 Uhr"
    assert sheet.facts["Dauer"] == "45\u00a0Min. · 1,0 Stunden à 45\u00a0Min."
    own = ("Tuesday GPs", "45-minute lunchtime group")  # the group's and the format's own
    assert english_in(reader_text(page, "html"), *own) == [], page
    page = sheet_page(tmp_path, "--certificate", "--group", "Tuesday GPs", name="c.html")
    sheet = Sheet(page)
    assert sheet.heading == "Teilnahmebescheinigung"
    assert sheet.rows("sessions") == [["1", "03.03.2026", "90", "2,0", "ja"]]
    assert sheet.totals()["Doppelstunden à 90\u00a0Min."] == "1,0"
    assert english_in(reader_text(page, "html"), "Tuesday GPs") == [], page


def test_a_group_whose_format_is_german_has_german_sheets(home: Path, tmp_path: Path) -> None:
    write(home / "groups.toml", GROUPS)
    fake_log(home, "20260303-1830-0001", complete(AT, over=84 * 60, group="Donnerstag"))
    sheet = Sheet(
        sheet_page(tmp_path, "--sign-in", "--group", "Donnerstag", "--date", "2026-03-05")
    )
    assert sheet.facts["Uhrzeit"] == "von 18:00 bis 19:30 Uhr"
    assert sheet.facts["Dauer"] == "90\u00a0Min. · 2,0 Stunden à 45\u00a0Min."
    certificate = Sheet(
        sheet_page(tmp_path, "--certificate", "--group", "Donnerstag", name="c.html")
    )
    assert certificate.heading == "Teilnahmebescheinigung"


# -- what is refused, in one sentence ----------------------------------------------------------


@pytest.mark.parametrize("args", [(), ("--sign-in", "--certificate")], ids=["none", "both"])
def test_one_sheet_is_asked_for_at_a_time(args: tuple[str, ...]) -> None:
    assert _refused(*args, "-o", "x.html") == (
        "Error: Say which sheet to make: --sign-in (the attendance list of a session) or "
        "--certificate (a certificate of attendance), one at a time.\n"
    )


def test_a_sheet_needs_a_place_to_go() -> None:
    assert _refused("--sign-in") == (
        "Error: Say where to write the sheet: -o PATH.html, or -o - for the screen.\n"
    )


def test_each_sheet_takes_its_own_dates() -> None:
    assert _refused("--certificate", "--date", "2026-03-03", "-o", "x.html").startswith(
        "Error: --date is the day of an attendance list (--sign-in);"
    )
    assert _refused("--sign-in", "--since", "2026-03-03", "-o", "x.html").startswith(
        "Error: --since and --until are a certificate's period (--certificate);"
    )


def test_a_date_that_is_not_one_is_named() -> None:
    assert _refused("--sign-in", "--date", "3.3.2026", "-o", "x.html") == (
        "Error: --date: '3.3.2026' is not a date; use YYYY-MM-DD, like 2026-03-01.\n"
    )
    assert _refused("--certificate", "--until", "2026-02-30", "-o", "x.html").startswith(
        "Error: --until: '2026-02-30' is not a date;"
    )


def test_a_group_nobody_has_is_refused_naming_those_there_are(home: Path) -> None:
    write(home / "groups.toml", GROUPS)
    fake_log(home, "20260303-1230-0001", complete(AT, group="Café Balint"))
    assert _refused("--sign-in", "--group", "Tusday GPs", "-o", "x.html") == (
        "Error: 'Tusday GPs' is no group in groups.toml, and no session has it; the groups "
        "are Café Balint, Donnerstag, Registrars, Tuesday GPs (`balint groups add 'Tusday GPs' "
        "--members N` adds it).\n"
    )
    assert _refused("--certificate", "--group", "Tusday GPs", "-o", "x.html") == (
        "Error: No session has the group 'Tusday GPs'; the groups are Café Balint, "
        "Donnerstag, Registrars, Tuesday GPs.\n"
    )


@pytest.mark.parametrize(
    ("group", "said"),
    [
        (" ", "--group must be a short label of 1 to 40 characters, like 'Tuesday GPs'."),
        ("GPs\x1b[2J", "--group must not contain control characters (found U+001B)."),
    ],
    ids=["blank", "escape"],
)
def test_a_group_no_group_could_be_is_said_as_such(home: Path, group: str, said: str) -> None:
    write(home / "groups.toml", GROUPS)
    assert _refused("--sign-in", "--group", group, "-o", "x.html") == f"Error: {said}\n"
