"""Session logs made by hand for tests: whole, damaged, or cut short where a kill would."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from balint_cli.logbook import reading
from support.helpers import balint, write

MARCH = datetime(2026, 3, 3, 12, 30, tzinfo=UTC)  # a Tuesday: the first of a shelf's sessions


def log_files(home: Path) -> list[Path]:
    return sorted((home / "logs").glob("*.jsonl"))


def log_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def session(home: Path, *args: str) -> Path:
    """Run a whole session without a terminal, quickly, and return its log."""
    before = set(log_files(home))
    result = balint("run", "--speed", "100000", *args)
    assert result.exit_code == 0, result.output
    (log,) = set(log_files(home)) - before
    return log


def fake_log(home: Path, name: str, lines: list[dict[str, Any]], torn: str = "") -> Path:
    body = "".join(json.dumps(line) + "\n" for line in lines) + torn
    return write(home / "logs" / f"{name}.jsonl", body)


def start_line(at: datetime, **extra: Any) -> dict[str, Any]:
    phases = [
        {
            "id": "facts",
            "title": "Case facts",
            "case": 1,
            "minutes": 2,
            "planned": 120.0,
            "flexible": False,
            "warn_minutes": 1,
        },
        {
            "id": "discussion",
            "title": "Group discussion",
            "case": 1,
            "minutes": 3,
            "planned": 180.0,
            "flexible": True,
            "warn_minutes": 1,
        },
        {
            "id": "closing",
            "title": "Closing",
            "case": None,
            "minutes": 1,
            "planned": 60.0,
            "flexible": False,
            "warn_minutes": 1,
        },
    ]
    return {
        "event": "session_start",
        "t": 0.0,
        "at": at.isoformat(),
        "v": 1,
        "format": "short",
        "format_title": "Short test group",
        "format_hash": "x",
        "phases": phases,
        "target": 360.0,
        "auto": True,
        "speed": 1.0,
        **extra,
    }


def phase(kind: str, t: float, index: int, at: datetime, **extra: Any) -> dict[str, Any]:
    ids = ["facts", "discussion", "closing"]
    return {
        "event": kind,
        "t": t,
        "at": (at + timedelta(seconds=t)).isoformat(),
        "index": index,
        "phase": ids[index],
        "planned": [120.0, 180.0, 60.0][index],
        "allotted": [120.0, 180.0, 60.0][index],
        **extra,
    }


def complete(at: datetime, over: float = 0.0, **extra: Any) -> list[dict[str, Any]]:
    """A finished session's lines, the discussion running `over` seconds past its time."""
    end = 360.0 + over
    return [
        start_line(at, **extra),
        phase("phase_start", 0, 0, at, by="start"),
        phase("phase_end", 120, 0, at, actual=120.0, by="next"),
        phase("phase_start", 120, 1, at, by="next"),
        phase("phase_end", 300 + over, 1, at, actual=180.0 + over, by="next"),
        phase("phase_start", 300 + over, 2, at, by="next"),
        phase("phase_end", end, 2, at, actual=60.0, by="next"),
        {
            "event": "session_end",
            "t": end,
            "at": (at + timedelta(seconds=end)).isoformat(),
            "how": "completed",
            "seconds": end,
            "paused": 0.0,
            "late": over,
        },
    ]


LOG_COMMANDS = (
    ["log", "list"],
    ["log", "list", "--json"],
    ["log", "show", "last"],
    ["log", "summary"],
    ["log", "summary", "--json"],
    ["log", "export", "--csv", "-"],
)


def with_value(lines: list[dict[str, Any]], where: int, key: str, value: object) -> str:
    """The log's lines as text, with one value set to something JSON holds but reports cannot."""
    lines[where][key] = "@@"
    return "".join(json.dumps(line) + "\n" for line in lines).replace('"@@"', str(value))


def crashed(home: Path, ago: float, speed: float = 1.0) -> Path:
    """A session killed in its discussion, `ago` seconds ago, with a minute added."""
    now = datetime.now(UTC)
    at = now - timedelta(seconds=130 + ago)
    lines = [
        start_line(at, speed=speed, auto=False),
        phase("phase_start", 0, 0, at, by="start"),
        phase("phase_end", 100, 0, at, actual=100.0, by="next"),
        phase("phase_start", 100, 1, at, by="next"),
        {
            "event": "extend",
            "t": 130.0,
            "at": (at + timedelta(seconds=130)).isoformat(),
            "phase": "discussion",
            "minutes": 1,
            "allotted": 260.0,
        },
    ]
    path = fake_log(home, "20261123-1200-dead", lines)
    killed = (at + timedelta(seconds=130)).timestamp()  # as it was left: balint died then
    os.utime(path, (killed, killed))
    return path


def killed_mid_move(home: Path) -> Path:
    """A log cut between the two lines of a move, as a kill would leave it."""
    now = datetime.now(UTC)
    at = now - timedelta(seconds=130)
    lines = [
        start_line(at, speed=100000, auto=False),
        phase("phase_start", 0, 0, at, by="start"),
        phase("phase_end", 100, 0, at, actual=100.0, by="next"),
    ]
    return fake_log(home, "20261123-1200-move", lines)


def index_db(home: Path) -> Path:
    """Where the reports' index is."""
    return home / "index.db"


def programme(home: Path) -> None:
    """Two groups over two months: attendance as a share of 8 members, one online, one late."""
    sessions = [
        ("20260303-1230-aaaa", MARCH, "Tuesday GPs", 2, "in-person", 0.0),
        ("20260310-1230-bbbb", MARCH + timedelta(days=7), "Tuesday GPs", 4, "online", 300.0),
        ("20260602-1230-cccc", datetime(2026, 6, 2, 12, 30, tzinfo=UTC), "Tuesday GPs", 6,
         "in-person", 0.0),
        ("20260604-1800-dddd", datetime(2026, 6, 4, 18, 0, tzinfo=UTC), "Registrars", 8,
         "in-person", 0.0),
    ]  # fmt: skip
    for name, at, group, came, setting, over in sessions:
        fake_log(
            home,
            name,
            complete(at, over=over, group=group, attendees=came, members=8, setting=setting),
        )


def weekly(home: Path, count: int = 6, first: datetime = MARCH) -> list[Path]:
    """count sessions a week apart from first, in two groups, with attendance."""
    return [
        fake_log(
            home,
            f"{first + timedelta(days=7 * i):%Y%m%d-%H%M}-{i:04x}",
            complete(
                first + timedelta(days=7 * i),
                over=60.0 * (i % 3),
                group=("Tuesday GPs", "Registrars")[i % 2],
                attendees=3 + i % 5,
                members=8,
            ),
        )
        for i in range(count)
    ]


def three_sessions(home: Path) -> None:
    """Three sessions in autumn: two of Tuesday GPs, one running over, and one of Registrars."""
    at = datetime(2026, 10, 6, 12, 30, tzinfo=UTC)
    fake_log(home, "20261006-1230-aaaa", complete(at, group="Tuesday GPs", attendees=6))
    fake_log(
        home,
        "20261013-1230-bbbb",
        complete(at + timedelta(days=7), over=240, group="Tuesday GPs", attendees=8),
    )
    fake_log(
        home,
        "20261103-1800-cccc",
        complete(at + timedelta(days=28, hours=5.5), group="Registrars", attendees=10),
    )


def first_line(home: Path, *args: str) -> dict[str, Any]:
    """Run a whole session without a terminal, quickly, and return its log's first line."""
    return log_lines(session(home, *args))[0]


def format_log(
    home: Path, name: str, at: datetime, events: list[Any], **start: Any
) -> Path:
    """The log of a session of the format `name` begun at `at`, its events (`Event`s, made by
    a Session) as balint writes them; `start` adds to or changes its first line."""
    from balint_cli.formats.catalogue import resolve

    loaded = resolve(name, home)
    speed = float(start.get("speed", 1.0))
    first = {
        "event": "session_start",
        "t": 0.0,
        "at": at.isoformat(),
        "v": 1,
        "format": name,
        "format_title": loaded.format.name,
        "format_hash": loaded.digest,
        "phases": [
            {"id": p.id, "title": p.title, "case": p.case, "minutes": p.minutes,
             "planned": p.seconds, "flexible": p.flexible, "warn_minutes": p.warn_minutes,
             "at_zero": p.at_zero}
            for p in loaded.format.phases
        ],
        "target": loaded.format.minutes and loaded.format.minutes * 60,
        "auto": False,
        "speed": speed,
        **start,
    }  # fmt: skip
    lines = [first]
    for event in events:
        wall = at + timedelta(seconds=event.t / speed)
        lines.append({"event": event.kind, "t": event.t, "at": wall.isoformat(), **event.data})
    return fake_log(home, f"{at:%Y%m%d-%H%M}-{name[:2]}0c", lines)


def only_log_lines(home: Path) -> list[dict[str, object]]:
    """The lines of the one log in home."""
    (log,) = (home / "logs").glob("*.jsonl")
    return [json.loads(line) for line in log.read_text().splitlines()]


AT = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)


# Logs whose numbers or nesting no report can use: each is skipped, never believed.
DAMAGED_LOGS: dict[str, Callable[[], str]] = {
    "an array nested 1,000 deep": lambda: "[" * 1000 + "]" * 1000 + "\n",
    "a start line nested 1,000 deep": lambda: with_value(
        complete(AT), 0, "group", "[" * 1000 + "]" * 1000
    ),
    "seconds of 1e308": lambda: with_value(complete(AT), -1, "seconds", "1e308"),
    "an attendance of 10**400": lambda: with_value(complete(AT), 0, "attendees", 10**400),
    "a start in the year 9999": lambda: with_value(
        complete(AT), 0, "at", '"9999-12-31T23:58:00+00:00"'
    ),
    "a tiny speed": lambda: with_value(complete(AT), 0, "speed", "1e-300"),
    "a pause of 1e308": lambda: with_value(
        [*complete(AT)[:2], {"event": "resume", "t": 5, "at": AT.isoformat()}], 2, "paused", 1e308
    ),
}


def reads_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the logs read from now on, in the order read (each read still done)."""
    reads: list[str] = []
    real = reading.read_log

    def counting(path: Path, keep_events: bool = True) -> Any:
        reads.append(path.name)
        return real(path, keep_events)

    monkeypatch.setattr(reading, "read_log", counting)
    return reads
