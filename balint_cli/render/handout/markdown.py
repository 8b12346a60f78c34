"""The handout as Markdown: a to-scale timeline, then each phase (no I/O)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from itertools import accumulate

from balint_cli.core.format import Format
from balint_cli.core.text import inert
from balint_cli.core.words import decimal_minutes, min_text
from balint_cli.i18n import _
from balint_cli.render.handout.common import (
    MEMBERS,
    Repeat,
    Row,
    for_members,
    in_brief,
    newcomer,
    online_heading,
    rows,
    steps,
    subtitle,
    ticks,
)
from balint_cli.render.tables import cells

_WIDTH = 60  # cells of the timeline: fits a code block on a page or a narrow slide
_INLINE = re.compile(r"[\\`*_\[\]|~]")
_ORDERED = re.compile(r"^(\d+)([.)])")  # "1. " would start a list
_BLOCK = re.compile(r"^[#+=-]")  # headings, lists, rules, underlines


def page(fmt: Format, audience: str) -> str:
    """The handout as Markdown, for the leader or the members."""
    found = rows(fmt, audience)
    out = [f"# {_md(fmt.name)}", ""]
    if subtitle(audience):
        out += [f"*{subtitle(audience)}*", ""]
    if fmt.description:
        out += [*_lines(fmt.description), ""]
    out += [f"*{in_brief(fmt)}*", ""]
    if audience == MEMBERS:
        out += [f"## {_('New to the group?')}", ""]
        for lead, sentence in newcomer(fmt):
            out += [f"**{lead}** {sentence}" if lead else sentence, ""]
    out += _rules(fmt)
    out += [f"## {_('Timeline')}", "", *_timeline(found, fmt.total_minutes), ""]
    out += [*_table(found), "", f"## {_('The phases')}", ""]
    for step in steps(found):
        if isinstance(step, Repeat):
            out += [f"### {step.number}. {step.case}", "", f"*{step.when}*", "", step.said, ""]
        else:
            out += _members_phase(step) if audience == MEMBERS else _phase(step)
    return "\n".join(out).rstrip("\n") + "\n"


def _rules(fmt: Format) -> list[str]:
    """The ground rules, and under them the rules for meeting online."""
    out = []
    if fmt.ground_rules:
        out += [f"## {_('Ground rules')}", ""]
        out += [*(f"- {_md(rule)}" for rule in fmt.ground_rules), ""]
    if fmt.online_rules:
        out += [f"{'###' if fmt.ground_rules else '##'} {online_heading()}", ""]
        out += [*(f"- {_md(rule)}" for rule in fmt.online_rules), ""]
    return out


def _md(value: str) -> str:
    """Text from the format as one line that Markdown shows literally."""
    line = escape(" ".join(inert(value, one_line=True).split()), quote=False)
    line = _INLINE.sub(r"\\\g<0>", line)
    line = _ORDERED.sub(r"\1\\\2", line)
    return _BLOCK.sub(r"\\\g<0>", line)


def _lines(value: str) -> list[str]:
    """A paragraph from the format, its line breaks kept, shown literally."""
    return [_md(line) for line in value.splitlines()]


def _timeline(found: Sequence[Row], total: float) -> list[str]:
    """A bar per phase in a code block, whose fixed-width font keeps them to scale."""
    sizes = cells([row.phase.minutes for row in found], _WIDTH)
    unit = _("min")
    left = max(3, len(unit))  # the numbers' column, wide enough for the unit ("Min.")
    lines = ["```text", f"{unit:<{left}} " + _ruler(total, sum(sizes))]
    offsets = accumulate(sizes, initial=0)
    for row, size, offset in zip(found, sizes, offsets, strict=False):
        lines.append(f"{row.number:>{left}} " + " " * offset + "█" * size)
    return [*lines, "```"]


def _ruler(total: float, width: int) -> str:
    """Minute marks placed where they fall on a bar `width` cells long."""
    line = ""
    for tick in ticks(total):
        at = round(tick / total * width)
        if line and at <= len(line):
            continue
        line = line.ljust(at) + decimal_minutes(tick)
    return line


def _table(found: Sequence[Row]) -> list[str]:
    """The phases' names, cases (where there are several), lengths and first minutes."""
    several = any(row.case for row in found)
    heads = ["#", _("Phase"), *([_("Case")] if several else []), _("Length"), _("From minute")]
    align = ["--:", ":--", *([":--"] if several else []), "--:", "--:"]
    lines = ["| " + " | ".join(heads) + " |", "|" + "|".join(align) + "|"]
    for row in found:
        cols = [str(row.number), _md(row.phase.title), *([row.case] if several else [])]
        cols += [min_text(row.phase.minutes), decimal_minutes(row.start)]
        lines.append("| " + " | ".join(cols) + " |")
    return lines


def _heading(row: Row) -> list[str]:
    heading = f"### {row.number}. {_md(row.phase.title)}" + (f" · {row.case}" if row.case else "")
    return [heading, "", f"*{row.when}*", ""]


def _phase(row: Row) -> list[str]:
    phase = row.phase
    out = _heading(row)
    if phase.purpose:
        out += [f"**{_('Purpose:')}** " + "\n".join(_lines(phase.purpose)), ""]
    if phase.prompt:
        out += [f"**{_('Say:')}**", ""]
        out += [f"> {line}".rstrip() for line in _lines(phase.prompt)] + [""]
    if phase.interventions:
        out += [f"**{_('Interventions:')}**", ""]
        out += [*(f"- {_md(said)}" for said in phase.interventions), ""]
    return out


def _members_phase(row: Row) -> list[str]:
    out = _heading(row)
    said = for_members(row.phase)
    if said:
        out += [*_lines(said), ""]
    return out
