"""The golden shelf: a programme's year and a bit of sessions, made by the session code.

Four groups and sessions without a label, the built-in formats in English and German,
attendance set and corrected, online and in person, co-led and supervised sessions, overruns,
pauses, added minutes, markers, a second case passed over, sessions quit early, false starts,
practice runs, sessions killed, and sessions stopped and resumed; some corrected afterwards
with `log edit`. Each session is planned by the runner, driven by the session state machine
on a made-up clock, and written by the log writer, as a real one would be.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from balint_cli.core.events import INTERRUPTED, QUIT, Event
from balint_cli.core.session import Session
from balint_cli.fs.paths import LOGS
from balint_cli.i18n import use
from balint_cli.live.prepare import prepare
from balint_cli.live.request import Request
from balint_cli.live.resume import resume
from balint_cli.live.start import _start_event
from balint_cli.logbook import writing
from support.helpers import balint, fail

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
        fail,
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
