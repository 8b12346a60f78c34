"""Rich renderables for printed output: format tables, plans and the timeline bar (no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from balint_cli.core.format import Format, Phase
from balint_cli.core.schedule import Slot
from balint_cli.core.text import inert
from balint_cli.core.words import case_title, clock, decimal_minutes, min_text
from balint_cli.formats.catalogue import Entry, Loaded
from balint_cli.i18n import _, n_
from balint_cli.render.handout.common import in_brief
from balint_cli.render.tables import cells, columns_table, text

# Phases of a case take its colour; opening and closing stay neutral. Two textures alternate
# so that neighbouring phases stay apart without colour (NO_COLOR, a printout).
_CASE_STYLES = ("grey50", "blue", "green", "magenta", "cyan", "yellow")
_FILLS = ("█", "▓")


def case_style(phase: Phase) -> str:
    return _CASE_STYLES[(phase.case or 0) % len(_CASE_STYLES)]


def _source(loaded_or_entry: Loaded | Entry) -> str:
    """Where a format comes from, in a word."""
    words = {"built-in": _("built-in"), "yours": _("yours"), "file": _("file")}
    return words.get(loaded_or_entry.source, loaded_or_entry.source)


def timeline_bar(phases: Sequence[Phase], lengths: Sequence[float], width: int) -> Text:
    """The phases drawn to scale as one line, each numbered.

    A phase too short for its number and a mark after it is drawn that much wider, so that
    every number stands apart; only a width too narrow for them all leaves some out.
    """
    labels = [str(index + 1) for index in range(len(phases))]
    sizes = cells(lengths, width, [len(label) + 1 for label in labels])
    bar = Text(no_wrap=True, overflow="crop")
    for index, (phase, label, size) in enumerate(zip(phases, labels, sizes, strict=True)):
        fill = _FILLS[index % 2]
        segment = label + fill * (size - len(label)) if size > len(label) else fill * size
        bar.append(segment, style=case_style(phase))
    return bar


def legend(slots: Sequence[Slot]) -> RenderableType:
    """The timeline's key: each phase's number, in its colour, and its title (and case)."""
    several = len({slot.phase.case for slot in slots} - {None}) > 1
    entries = []
    for slot in slots:
        number = (str(slot.index + 1), case_style(slot.phase))  # in its colour on the timeline
        title = case_title(slot.phase.title, slot.phase.case if several else None)
        entries.append(Text.assemble(number, " " + title))
    return Columns(entries, padding=(0, 3))


def format_table(loaded: Loaded, width: int) -> RenderableType:
    """What `formats show` prints: the format's words, its phases and its timeline."""
    fmt = loaded.format
    head = Text()
    head.append_text(text(fmt.name, "bold"))
    head.append(f"  ({loaded.name}, {_source(loaded)}: {inert(str(loaded.path))})", style="dim")
    parts: list[RenderableType] = [head]
    if fmt.description:
        parts.append(text(fmt.description))
    parts.append(Text(in_brief(fmt), style="dim"))
    if fmt.ground_rules:
        parts.append(Text(_("Ground rules"), style="bold"))
        rules = Table.grid(padding=(0, 1))  # a rule that wraps stays beside its bullet
        rules.add_column(no_wrap=True)
        rules.add_column()
        for rule in fmt.ground_rules:
            rules.add_row("  •", text(rule))
        parts.append(rules)
    table = columns_table(
        ("#", "right"), ("id", "left"), (_("title"), "left"), (_("case"), "right"),
        (_("min"), "right"), (_("starts"), "right"), ("", "left"),
    )  # fmt: skip
    at = 0.0
    for index, phase in enumerate(fmt.phases):
        table.add_row(
            Text(str(index + 1), style=case_style(phase)),
            text(phase.id),
            text(phase.title),
            str(phase.case or ""),
            decimal_minutes(phase.minutes),
            min_text(at),
            phase_notes(phase),
        )
        at += phase.minutes
    parts += [Text(""), table, Text(""), timeline_bar(fmt.phases, _lengths(fmt), width)]
    return Group(*parts)


def phase_notes(phase: Phase) -> str:
    """What is special about a phase's time, in a word or two."""
    notes = [_("flexible")] if phase.flexible else []
    if phase.at_zero == "next":
        notes.append(_("moves on at zero"))
    return ", ".join(notes)


def _lengths(fmt: Format) -> list[float]:
    return [phase.seconds for phase in fmt.phases]


def plan_table(
    loaded: Loaded, slots: Sequence[Slot], width: int, warning: str = ""
) -> RenderableType:
    """What `plan` prints: each phase with its clock times."""
    start, end = slots[0].start, slots[-1].end
    total = (end - start).total_seconds() / 60
    head = text(loaded.format.name, "bold")
    length = n_("{n} minute", "{n} minutes", 1 if total == 1 else 2)
    when = _("{start} to {end}, {length}").format(
        start=clock(start), end=clock(end), length=length.format(n=decimal_minutes(total))
    )
    head.append(f"  {when}", style="")
    table = columns_table(
        (_("start"), "left"), (_("end"), "left"), (_("min"), "right"), (_("phase"), "left"),
        (_("case"), "right"), ("", "left"),
    )  # fmt: skip
    for slot in slots:
        note = phase_notes(slot.phase)
        if slot.changed:
            planned = decimal_minutes(slot.phase.minutes)
            note = _("flexible, planned {minutes}").format(minutes=planned)
        table.add_row(
            clock(slot.start),
            clock(slot.end),
            decimal_minutes(slot.seconds / 60),
            text(slot.phase.title),
            str(slot.phase.case or ""),
            note,
        )
    bar = timeline_bar([s.phase for s in slots], [s.seconds for s in slots], width)
    parts: list[RenderableType] = [head]
    if warning:
        parts.append(text("! " + warning, "bold"))
    return Group(*parts, Text(""), table, Text(""), bar, legend(slots))


def catalogue_table(rows: Sequence[tuple[Entry, Loaded | None, str]]) -> RenderableType:
    """What `formats list` prints: each format with its length, cases and origin."""
    table = columns_table(
        (_("name"), "left"), (_("min"), "right"), (_("cases"), "right"), (_("title"), "left"),
        (_("from"), "left"),
    )  # fmt: skip
    for entry, loaded, problem in rows:
        origin = _source(entry)
        if entry.shadowed:
            origin += _(", replaced by yours")
        if entry.overrides:
            origin += _(", replaces the built-in")
        if loaded is None:
            invalid = _("not valid: {problem}").format(problem=inert(problem))
            table.add_row(text(entry.name), "", "", Text(invalid, "red"), origin)
            continue
        fmt = loaded.format
        style = "dim" if entry.shadowed else ""
        table.add_row(
            text(entry.name, style),
            decimal_minutes(fmt.total_minutes),
            str(fmt.cases),
            text(fmt.name, style),
            Text(origin, style),
        )
    return table


def plan_json(loaded: Loaded, slots: Sequence[Slot], warning: str = "") -> dict[str, object]:
    """The stable JSON shape of `plan --json`."""
    return {
        "warning": warning or None,
        "format": loaded.name,
        "name": loaded.format.name,
        "start": _iso(slots[0].start),
        "end": _iso(slots[-1].end),
        "minutes": round(sum(s.seconds for s in slots) / 60, 3),
        "phases": [
            {
                "id": slot.phase.id,
                "title": slot.phase.title,
                "case": slot.phase.case,
                "flexible": slot.phase.flexible,
                "at_zero": slot.phase.at_zero,
                "planned_minutes": slot.phase.minutes,
                "minutes": round(slot.seconds / 60, 3),
                "start": _iso(slot.start),
                "end": _iso(slot.end),
                # The words of this session: with --cases 1, those a format gives for one case.
                "prompt": slot.phase.prompt,
                "purpose": slot.phase.purpose,
                "for_group": slot.phase.for_group,
            }
            for slot in slots
        ],
    }


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
