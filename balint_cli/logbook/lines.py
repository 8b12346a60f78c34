"""A log's lines: JSON, read strictly, one event a line; a torn last line, or the scar a torn
line leaves once balint writes on after it, tolerated (no I/O)."""

from __future__ import annotations

import json
from typing import Any

from balint_cli.core.events import Event


def records(raw: bytes) -> tuple[list[dict[str, Any]], int, bool]:
    """The events in a log's bytes, how many lines were not events, and whether its last line
    was torn (a write cut short)."""
    lines = raw.decode("utf-8", errors="replace").split("\n")
    rest = lines.pop()  # the empty rest after the last newline, or a write cut short
    torn = bool(rest.strip())
    if torn and _is_event(_parsed(rest)):  # whole but for its newline: keep it
        lines.append(rest)
        torn = False
    found, skipped = _records(lines)
    return found, skipped, torn


def _records(lines: list[str]) -> tuple[list[dict[str, Any]], int]:
    """The events in the lines, and how many lines were not events.

    A line torn by a power cut and then closed by balint's next write to the log (the line
    after it is a resume or a correction) is the log's known scar, not damage: it is not
    counted.
    """
    try:  # a sound log parses in one go, which is what makes 10,000 of them quick
        records = _STRICT.decode("[" + ",".join(lines) + "]")
        if all(  # _is_event, inline: this runs once for every line of every log
            type(record) is dict
            and type(record.get("event")) is str
            and type(record.get("t", 0.0)) in _NUMBER
            for record in records
        ):
            return records, 0
    except (ValueError, RecursionError):
        pass
    records, skipped = [], 0
    scar = False
    for line in lines:
        record = _parsed(line)
        if not _is_event(record):
            skipped += 1
            scar = True
            continue
        if scar and record.get("event") in _MENDING:
            skipped -= 1
        scar = False
        records.append(record)
    return records, skipped


# What balint writes to a log after ending its torn last line: a resume, or `log edit`.
_MENDING = ("session_resume", "edit")


def _parsed(line: str) -> Any:
    """A line's JSON value, or None if it is not JSON (arrays nested 1,000 deep included)."""
    try:
        return _STRICT.decode(line)
    except (ValueError, RecursionError):
        return None


def _not_json(word: str) -> float:
    """NaN and Infinity are not JSON, and balint never writes them."""
    raise ValueError(f"{word} is not a JSON value")


_STRICT = json.JSONDecoder(parse_constant=_not_json)  # made once: a report reads thousands


_NUMBER = (float, int)


def _is_event(record: object) -> bool:
    return (
        type(record) is dict
        and type(record.get("event")) is str
        and type(record.get("t", 0.0)) in _NUMBER
    )


def to_event(line: dict[str, Any]) -> Event:
    """A log's line as the event it records."""
    data = {k: v for k, v in line.items() if k not in ("event", "t")}
    return Event(str(line["event"]), float(line["t"]), data)
