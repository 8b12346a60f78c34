"""Session logs made by hand for tests: whole, damaged, or cut short where a kill would."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from helpers import balint, write


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
