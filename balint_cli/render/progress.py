"""What `balint log progress` shows: a leader's standing on each rule of a body's
requirements, as a table for the terminal and as a stable JSON shape (no I/O); the printable
page (progress_page.py) says each rule the same way."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from balint_cli.core.text import inert
from balint_cli.render.summary import whose
from balint_cli.render.tables import columns_table, text
from balint_cli.requirements.catalogue import Entry
from balint_cli.requirements.model import Requirements
from balint_cli.requirements.progress import Check, Standing
from balint_cli.requirements.windows import parse_window

NOT_RECORDED = "not recorded here: keep your own record"
MET = "✓"
COUNTED = "practice runs and false starts left out"


def needed(standing: Standing) -> str:
    """What a rule asks for: 20 sessions co-led, 12 supervised sessions over at least 2
    years; a dash where balint cannot see it, or the body gives no number."""
    rule, measure = standing.rule, standing.measure
    if measure is None or rule.threshold is None:
        return "–"
    said = measure.said(rule.threshold)
    window = parse_window(rule.window) if rule.window is not None else None
    return f"{said} {window.words}" if window is not None else said


def shown(standing: Standing) -> str:
    """What the logs show, as a number alone (its words are in what is needed)."""
    measure = standing.measure
    if measure is None:
        return NOT_RECORDED
    if standing.figure is None:
        return "–"
    if standing.rule.threshold is None:  # no number to reach: the figure says what it is
        return measure.said(standing.figure)
    return measure.number(standing.figure)


def left(standing: Standing) -> str:
    """What is still needed; nothing where it is met, or nothing can be said."""
    if standing.measure is None or standing.left is None or not standing.left:
        return ""
    return standing.measure.number(standing.left)


def requirement(standing: Standing) -> str:
    """A rule as a table shows it: its words, marked when it is only desirable."""
    said = described(standing)
    return f"Desirable: {said}" if standing.rule.desirable else said


def described(standing: Standing) -> str:
    """A rule in words: the body's own, else made from its measure."""
    rule = standing.rule
    said = " ".join(rule.description.split())
    if not said and rule.threshold is not None:
        said = f"At least {needed(standing)}."
    if not said and standing.measure is not None:
        said = standing.measure.many.capitalize() + "."
    return said


def title(requirements: Requirements) -> str:
    return f"{requirements.body}: {requirements.level}"


def period(check: Check) -> str:
    """The dates counted, whose sessions, and how many: From 2025-01-01 to 2026-12-06 · 27
    sessions."""
    since = check.period.since or (check.months[0].month if check.months else None)
    said = f"From {since} to {check.period.until}" if since else f"To {check.period.until}"
    if check.group is not None:
        said += f", the group {inert(check.group, one_line=True)}"
    if check.pooled:
        said += f" · {whose(check.pooled).lower()}"
    count = check.sessions
    return f"{said} · {count} session{'' if count == 1 else 's'} ({COUNTED})"


def progress_view(check: Check) -> RenderableType:
    """`log progress --towards BODY`: a table of the rules balint counts, the rules it cannot
    see under it, and the verdict."""
    requirements = check.requirements
    parts: list[RenderableType] = [
        text(f"Progress towards {title(requirements)}", style="bold"),
        text(period(check)),
    ]
    if requirements.note.strip():
        parts.append(text(" ".join(requirements.note.split()), style="dim"))
    table = columns_table(
        ("", "left"), ("requirement", "left"), ("needed", "left"),
        ("the logs show", "right"), ("left", "right"),
    )  # fmt: skip
    table.columns[1].ratio = 1
    table.columns[2].max_width = 26
    table.expand = True
    unseen = Table.grid(padding=(0, 1))
    notes: list[str] = []
    counted = [standing for standing in check.standings if standing.measure is not None]
    for standing in counted + [s for s in check.standings if s.measure is None]:
        said = text(requirement(standing))
        if standing.detail:
            said.append("\n" + inert(standing.detail), style="dim")
        note = " ".join(standing.rule.note.split())
        if note:
            notes.append(note)
            said.append(f" [{len(notes)}]", style="dim")
        if standing.measure is None:
            unseen.add_row("-", said)
            continue
        table.add_row(MET if standing.met else "", said, needed(standing), shown(standing),
                      left(standing))  # fmt: skip
    if table.rows:
        parts += [Text(""), table]
    if unseen.rows:
        parts += [Text(""), Text(NOT_RECORDED.capitalize() + ":", style="bold"), unseen]
    parts.append(Text(""))
    parts += [text(f"[{number}] {note}", style="dim") for number, note in enumerate(notes, 1)]
    if notes:
        parts.append(Text(""))
    parts.append(Text(check.verdict.sentence, style="bold"))
    parts.append(text(f"Read on {requirements.read} from:"))
    parts += [text(f"  {address}") for address in requirements.sources]
    return Group(*parts)


def progress_json(check: Check) -> dict[str, Any]:
    requirements, verdict = check.requirements, check.verdict
    return {
        "requirements": check.name,
        "source": check.source,
        "body": requirements.body,
        "level": requirements.level,
        "sources": list(requirements.sources),
        "read": requirements.read.isoformat(),
        "note": " ".join(requirements.note.split()),
        "since": None if check.period.since is None else check.period.since.isoformat(),
        "until": check.period.until.isoformat(),
        "group": check.group,
        "pooled_sources": check.pooled,
        "sessions": check.sessions,
        "rules": [_rule_json(standing) for standing in check.standings],
        "verdict": {
            "met": verdict.met,
            "required": verdict.required,
            "desirable_met": verdict.desirable_met,
            "desirable": verdict.desirable,
            "for_record": verdict.for_record,
            "not_recorded": verdict.not_recorded,
            "sentence": verdict.sentence,
        },
        "months": [
            {"month": m.month, "sessions": m.sessions, "led": m.led, "co_led": m.co_led}
            for m in check.months
        ],
    }


def _rule_json(standing: Standing) -> dict[str, Any]:
    rule, measure = standing.rule, standing.measure

    def number(value: float | None) -> float | None:
        if value is None or measure is None:
            return None
        said = round(value, measure.decimals)  # as the figure is shown, without float noise
        return int(said) if measure.decimals == 0 else said

    return {
        "measure": rule.measure,
        "description": described(standing),
        "recorded": rule.recorded,
        "threshold": number(rule.threshold),
        "window": rule.window,
        "desirable": rule.desirable,
        "figure": number(standing.figure),
        "left": number(standing.left),
        "met": standing.met,
        "detail": standing.detail,
        "source": rule.source,
        "note": " ".join(rule.note.split()),
    }


def bodies_view(found: list[tuple[Entry, Requirements | str]]) -> RenderableType:
    """`log progress` alone: the bodies there are, each with its level, or why a file of the
    user's cannot be used."""
    table = columns_table(("name", "left"), ("requirements", "left"), ("", "left"))
    for entry, read in found:
        where = "yours" + (", in place of the built-in" if entry.replaces else "")
        if isinstance(read, str):
            table.add_row(text(entry.name), text(f"not valid: {read}", style="red"), where)
            continue
        table.add_row(text(entry.name), text(title(read)), where if entry.source == "yours" else "")
    return Group(
        Text("Check your progress with: balint log progress --towards NAME", style="bold"),
        Text(""),
        table,
    )
