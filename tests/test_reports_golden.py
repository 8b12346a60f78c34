"""Every report, byte for byte, over a realistic shelf of logs made by the session code.

The shelf is a programme's year and a bit: four groups and sessions without a label, the
built-in formats in English and German, attendance set and corrected, online and in person,
co-led and supervised sessions, overruns, pauses, added minutes, markers, a second case
passed over, sessions quit early, false starts, practice runs, sessions killed, and sessions
stopped and resumed; some corrected afterwards with `log edit`. Each session is planned by
the runner, driven by the session state machine on a made-up clock, and written by the log
writer, as a real one would be.

The reports' output is kept in tests/golden/; a change to any report shows here first. To
write the files anew after a change meant to alter a report, run this file with
BALINT_GOLDEN=write and read the difference before committing it.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from helpers import balint

from balint_cli.core.events import INTERRUPTED, QUIT, Event
from balint_cli.core.session import Session
from balint_cli.fs.paths import LOGS
from balint_cli.i18n import use
from balint_cli.live.prepare import prepare
from balint_cli.live.request import Request
from balint_cli.live.resume import resume
from balint_cli.live.start import _start_event
from balint_cli.logbook import writing

GOLDEN = Path(__file__).resolve().parent / "golden"
WINTER = timezone(timedelta(hours=1))
SUMMER = timezone(timedelta(hours=2))
GROUPS = (  # a label, its members, its format, and when it meets
    ("Tuesday GPs", 10, "90min", (12, 30)),
    ("Registrars", 8, "60min", (18, 0)),
    ("Café Balint", 12, "de-90min", (19, 15)),
    ("Nurses", None, "45min", (7, 45)),
    (None, None, "45min", (13, 5)),
)


@dataclass(frozen=True)
class Planned:
    """One session of the shelf: when, which group, and how it went."""

    at: datetime
    group: str | None
    members: int | None
    fmt: str
    how: str  # completed, quit, false start, killed, resumed, practice
    attendees: int | None
    online: bool
    co_lead: bool
    supervised: bool
    edit: tuple[str, ...]  # `log edit` options given afterwards


def _programme() -> list[Planned]:
    """About sixty sessions over fourteen months, the same every time."""
    rng = random.Random(20260303)
    hows = ["completed"] * 8 + ["quit", "false start", "killed", "resumed", "practice"]
    found = []
    day = datetime(2025, 9, 2)
    for number in range(62):
        day += timedelta(days=rng.choice([3, 5, 6, 7, 8, 12]))
        group, members, fmt, (hour, minute) = GROUPS[number % len(GROUPS)]
        day = day.replace(hour=hour, minute=minute + rng.choice([0, 2, 5]))
        zone = SUMMER if 4 <= day.month <= 9 else WINTER
        came = None if rng.random() < 0.2 else rng.randint(3, 11)
        edit: tuple[str, ...] = ()
        if number % 9 == 4:
            edit = ("--attendees", str(rng.randint(4, 9)))
        elif number % 11 == 6:
            edit = ("--online", "--supervised")
        elif number % 13 == 7 and group is None:
            edit = ("--group", "Nurses")
        found.append(
            Planned(
                at=day.replace(tzinfo=zone),
                group=group,
                members=members,
                fmt=fmt,
                how=rng.choice(hows),
                attendees=came,
                online=rng.random() < 0.3,
                co_lead=number % 4 == 1,
                supervised=number % 10 == 3,
                edit=edit,
            )
        )
    return found


def _at(started: datetime, speed: float, event: Event) -> Event:
    """The event with its wall time, as the clock of a real session would have given it."""
    at = started + timedelta(seconds=event.t / speed)
    return Event(event.kind, event.t, {**event.data, "at": at.isoformat(timespec="milliseconds")})


def _drive(
    session: Session, plan: Planned, rng: random.Random, t: float, stop: int | None
) -> tuple[list[Event], float]:
    """Drive a session phase by phase from t, with the keys a leader would press, until phase
    stop (None: to its end); its events and the time then. Times have milliseconds, as a
    real clock gives them."""
    events: list[Event] = []
    while not session.ended and (stop is None or session.index < stop):
        index = session.index
        allotted = session.allotted()
        if index == 1 and plan.attendees is not None:
            events += session.count(t + 31.25, plan.attendees, plan.members)
        if rng.random() < 0.2:
            events += session.extend(t + 12.5, 1)
            allotted = session.allotted()
        if rng.random() < 0.15:
            events += session.toggle_pause(t + 45.125)
            events += session.toggle_pause(t + 45.125 + rng.randint(30, 200) + 0.5)
        if rng.random() < 0.1:
            events += session.mark(t + 60.75)
        spent = allotted * rng.choice([0.7, 0.9, 1.0, 1.0, 1.05, 1.2, 1.5]) + rng.random() * 20
        t = round(t + spent, 3)
        if session.phases[index].case == 2 and rng.random() < 0.3:
            events += session.skip_case(t)  # nobody brought a second case
        else:
            events += session.next(t)
    return events, t


def _write(home: Path, plan: Planned, number: int, monkeypatch: pytest.MonkeyPatch) -> str:
    """One session's log, made as balint makes it; its id."""
    speed = 2.0 if plan.how == "practice" else 1.0
    request = Request(
        format_ref=plan.fmt,
        speed=speed,
        group=plan.group,
        setting="online" if plan.online else "in-person",
        role="co-lead" if plan.co_lead else "lead",
        supervised=plan.supervised,
        members=plan.members,
    )
    prepared = prepare(request, plan.at)
    session = prepared.session
    rng = random.Random(number)
    log_id = f"{plan.at:%Y%m%d-%H%M}-{number * 2654435761 % 65536:04x}"
    monkeypatch.setattr(writing, "new_id", lambda _started: log_id)
    writer = writing.LogWriter.create(
        home / LOGS,
        plan.at,
        lambda made: _at(plan.at, speed, _start_event(request, prepared, made, plan.at)),
        _fail,
    )
    events = list(session.begin())
    if plan.how == "false start":
        events += session.finish(40.5, QUIT)
    elif plan.how == "quit":
        done, t = _drive(session, plan, rng, 0.0, stop=3)
        events += done + session.finish(t + 10.0, QUIT)
    elif plan.how in ("killed", "resumed"):
        done, t = _drive(session, plan, rng, 0.0, stop=2)
        events += done
        if plan.how == "resumed":
            events += session.finish(t + 30.0, INTERRUPTED)
    else:
        events += _drive(session, plan, rng, 0.0, stop=None)[0]
    writer.record_all([_at(plan.at, speed, event) for event in events])
    writer.close()
    if plan.how == "resumed":
        _resume(home, plan, rng, events[-1].t)
    return log_id


def _resume(home: Path, plan: Planned, rng: random.Random, stopped: float) -> None:
    """Carry an interrupted session on, as `run --resume` does, ten minutes later."""
    now = plan.at + timedelta(seconds=stopped + 600)
    prepared, writer = resume(home, now)
    first = prepared.first
    events, _t = _drive(prepared.session, plan, rng, first[-1].t, stop=None)
    writer.record_all([_at(plan.at, 1.0, event) for event in [*first, *events]])
    writer.close()


def _fail(message: str) -> None:
    raise AssertionError(message)


def make_shelf(home: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The shelf in home's logs folder; the ids, oldest first."""
    ids = []
    try:
        for number, plan in enumerate(_programme()):
            ids.append(_write(home, plan, number, monkeypatch))
            if plan.edit:
                result = balint("log", "edit", ids[-1], *plan.edit)
                assert result.exit_code == 0, result.output
    finally:
        use("en")
    return ids


# -- the reports ------------------------------------------------------------------------------

REPORTS: list[tuple[str, tuple[str, ...]]] = [
    ("list", ("log", "list")),
    ("list-all", ("log", "list", "--all")),
    ("list-practice", ("log", "list", "--all", "--include-practice")),
    ("list-json", ("log", "list", "--json")),
    ("list-json-practice", ("log", "list", "--json", "--include-practice")),
    ("show-last", ("log", "show", "last")),
    ("show-last-json", ("log", "show", "last", "--json")),
    ("summary", ("log", "summary")),
    ("summary-json", ("log", "summary", "--json")),
    ("summary-practice-json", ("log", "summary", "--json", "--include-practice")),
    ("summary-group", ("log", "summary", "--group", "tuesday gps")),
    ("summary-group-json", ("log", "summary", "--json", "--group", "Café Balint")),
    ("summary-span", ("log", "summary", "--since", "2026-01-01", "--until", "2026-06-30")),
    ("summary-span-json", ("log", "summary", "--json", "--since", "2026-02-10")),
    ("summary-group-span-json",
     ("log", "summary", "--json", "--group", "Registrars", "--until", "2026-03-31")),
    ("export-phase", ("log", "export", "--csv", "-")),
    ("export-session", ("log", "export", "--csv", "-", "--per", "session")),
    ("export-session-practice",
     ("log", "export", "--csv", "-", "--per", "session", "--include-practice", "--excel")),
    ("export-group", ("log", "export", "--csv", "-", "--group", "NURSES", "--since", "2026-01-01")),
    ("portfolio", ("log", "portfolio")),
    ("portfolio-json", ("log", "portfolio", "--json")),
    ("portfolio-csv", ("log", "portfolio", "--csv", "-")),
    ("portfolio-since-json", ("log", "portfolio", "--json", "--since", "2026-01-01")),
]  # fmt: skip
REPORT_PAGES: list[tuple[str, tuple[str, ...]]] = [
    ("report", ()),
    ("report-group", ("--group", "Tuesday GPs", "--since", "2025-10-01")),
    ("report-practice", ("--include-practice", "--until", "2026-05-31")),
]


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    """The shelf, made once for every comparison; BALINT_HOME points at it in each test."""
    home = tmp_path_factory.mktemp("golden") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BALINT_HOME", str(home))
        patch.setenv("COLUMNS", "100")
        patch.setenv("NO_COLOR", "1")
        ids = make_shelf(home, patch)
    yield home, ids


@pytest.fixture
def shelved(shelf: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("BALINT_HOME", str(shelf[0]))
    return shelf[1]


def _compare(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("BALINT_GOLDEN") == "write":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from {path}"


@pytest.mark.parametrize(("name", "args"), REPORTS, ids=[name for name, _ in REPORTS])
def test_a_report_is_as_it_was(shelved: list[str], name: str, args: tuple[str, ...]) -> None:
    result = balint(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr == "", "no note on a sound shelf"
    _compare(name, result.stdout)


@pytest.mark.parametrize("at", [0, 1, 7, 23, 41])
def test_a_shown_session_is_as_it_was(shelved: list[str], at: int) -> None:
    text = balint("log", "show", shelved[at]).stdout
    data = balint("log", "show", shelved[at], "--json").stdout
    _compare(f"show-{at}", text + data)


def _made_on(page: str) -> str:
    """The page without the day it was made, which is today."""
    return re.sub(r"made by balint on \d\d \w+ \d{4}", "made by balint on DAY", page)


@pytest.mark.parametrize(("name", "args"), REPORT_PAGES, ids=[n for n, _ in REPORT_PAGES])
def test_a_report_page_is_as_it_was(
    shelved: list[str], tmp_path: Path, name: str, args: tuple[str, ...]
) -> None:
    target = tmp_path / f"{name}.html"
    result = balint("log", "report", "-o", str(target), *args)
    assert result.exit_code == 0, result.output
    said = result.stdout.replace(str(target), "PAGE")
    _compare(name, said + _made_on(target.read_text(encoding="utf-8")))


def test_pooled_reports_are_as_they_were(
    shelf: tuple[Path, list[str]], shelved: list[str], tmp_path: Path
) -> None:
    """The shelf handed on as a bundle and as a folder, and reported on from there."""
    bundle = tmp_path / "mine.zip"
    made = balint("log", "export", "--bundle", str(bundle), "--since", "2025-12-01")
    assert made.exit_code == 0, made.output
    folder = tmp_path / "older"
    folder.mkdir()
    for name in shelved[:20]:
        shutil.copy(shelf[0] / "logs" / f"{name}.jsonl", folder)
    pooled = ["--from", str(bundle), "--from", str(folder)]
    out = [made.stdout.replace(str(bundle), "BUNDLE")]
    for args in (
        ("log", "summary", "--json", *pooled),
        ("log", "list", "--all", *pooled),
        ("log", "portfolio", "--json", "--from", str(bundle)),
        ("log", "summary", "--group", "registrars", "--from", str(folder)),
    ):
        result = balint(*args)
        assert result.exit_code == 0, result.output
        out.append(result.stdout)
    _compare("pooled", "".join(out))


def test_the_reports_are_the_same_the_second_time(shelved: list[str]) -> None:
    """Asked again over the same logs (through whatever balint kept), nothing changes."""
    for name, args in REPORTS[:12]:
        _compare(name, balint(*args).stdout)
