"""The handout as one self-contained HTML page that prints on A4 (no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from balint_cli.core.format import Format
from balint_cli.core.text import inert
from balint_cli.core.words import decimal_minutes, min_text
from balint_cli.i18n import _, language
from balint_cli.render.handout.common import (
    MEMBERS,
    Row,
    assurance,
    for_members,
    in_brief,
    rows,
    same_as,
    subtitle,
    ticks,
)

_CSS = """
@page { size: A4; margin: 10mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 186mm; color: #111; background: #fff;
  font: 8.5pt/1.28 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; }
@media screen { body { padding: 12mm 6mm; } }
h1 { font-size: 16pt; line-height: 1.15; margin: 0 0 2pt; }
h2 { font-size: 10.5pt; margin: 6pt 0 3pt; padding-bottom: 1pt;
  border-bottom: 0.75pt solid #888; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 9pt; margin: 0 0 1pt; break-after: avoid; }
p { margin: 0; }
.text { white-space: pre-line; }
.description { font-size: 9.5pt; }
.facts { margin-top: 2pt; color: #444; }
.rules ul { margin: 0; padding-left: 12pt; columns: 2; column-gap: 8mm; }
.rules li { margin-bottom: 0.5pt; break-inside: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 8pt; }
th, td { padding: 0.6pt 4pt; text-align: left; vertical-align: middle;
  border-bottom: 0.5pt solid #bbb; }
tr { break-inside: avoid; page-break-inside: avoid; }
.n { width: 4%; text-align: right; }
.title { width: 25%; }
.case { width: 8%; }
.num { width: 10%; text-align: right; }
.track { width: 43%; padding-left: 8pt; padding-right: 10pt; }
.bar { height: 7.5pt; border: 0.75pt solid #222; }
.axis { position: relative; height: 1.2em; font-weight: normal; color: #444; }
.axis span { position: absolute; top: 0; transform: translateX(-50%); }
.cards { columns: 3; column-gap: 5mm; font-size: 7.8pt; }
.phase { break-inside: avoid; page-break-inside: avoid; margin: 0 0 4pt;
  padding: 0.5pt 0 0.5pt 5pt; border-left: 2.5pt solid; }
.phase h3 .label { font-weight: normal; font-size: 8pt; margin-left: 3pt; }
.when { font-size: 7.2pt; color: #444; margin-bottom: 1pt; }
.same { color: #444; }
.purpose { margin-bottom: 1.5pt; }
.prompt { font-style: italic; }
.subtitle { font-size: 9.5pt; font-style: italic; margin-bottom: 2pt; }
.assurance { margin-top: 3pt; font-size: 9pt; }
.for-group { font-size: 8.5pt; }
.dense .cards { font-size: 7.2pt; line-height: 1.22; }
.dense .phase { margin-bottom: 3pt; }
""".strip()
# Cards holding more text than this (in characters, with the ground rules) are set a little
# smaller, so that a long format's page still prints on one sheet of A4.
_DENSE = 3800


def page(fmt: Format, audience: str) -> str:
    """The handout as one self-contained HTML page, for the leader or the members."""
    found = rows(fmt)
    name = _h(fmt.name)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{language()}">',
        '<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{name}</title>\n<style>\n{_CSS}\n</style>\n</head>",
        '<body class="dense">' if _printed(fmt, found, audience) > _DENSE else "<body>",
        f"<header>\n<h1>{name}</h1>",
    ]
    if subtitle(audience):
        out.append(f'<p class="subtitle">{_h(subtitle(audience))}</p>')
    if fmt.description:
        out.append(f'<p class="text description">{_h(fmt.description)}</p>')
    out.append(f'<p class="facts">{_h(in_brief(fmt))}</p>')
    if audience == MEMBERS:
        out.append(f'<p class="assurance">{_h(assurance())}</p>')
    out.append("</header>")
    if fmt.ground_rules:
        items = "".join(f'<li class="text">{_h(rule)}</li>' for rule in fmt.ground_rules)
        heading = _h(_("Ground rules"))
        out.append(f'<section class="rules">\n<h2>{heading}</h2>\n<ul>{items}</ul>\n</section>')
    out += _timeline(found, fmt.total_minutes)
    out += [f'<section class="phases">\n<h2>{_h(_("The phases"))}</h2>\n<div class="cards">']
    out += [_phase(row, same_as(row, found, audience), audience) for row in found]
    out.append("</div>\n</section>\n</body>\n</html>\n")
    return "\n".join(out)


def _printed(fmt: Format, found: list[Row], audience: str) -> int:
    """How many characters the page's cards and rules hold: what decides how tight it is set."""
    cards = sum(
        len(row.phase.for_group)
        if audience == MEMBERS
        else len(row.phase.purpose) + len(row.phase.prompt)
        for row in found
        if same_as(row, found, audience) is None
    )
    return cards + sum(len(rule) for rule in fmt.ground_rules)


def _h(value: str) -> str:
    return escape(inert(value), quote=True)


def _timeline(found: Sequence[Row], total: float) -> list[str]:
    """A table of the phases, each with a bar placed and sized to scale."""
    axis = "".join(
        f'<span style="left:{_pc(tick, total)}">{decimal_minutes(tick)}</span>'
        for tick in ticks(total)
    )
    head = (
        f'<tr><th class="n">#</th><th class="title">{_h(_("Phase"))}</th>'
        f'<th class="case">{_h(_("Case"))}</th>'
        f'<th class="num">{_h(_("Length"))}</th><th class="num">{_h(_("Starts"))}</th>'
        f'<th class="track"><div class="axis">{axis}</div></th></tr>'
    )
    heading = _h(_("Timeline"))
    out = [f'<section class="timeline">\n<h2>{heading}</h2>', f"<table>\n<thead>{head}</thead>"]
    out.append("<tbody>")
    for row in found:
        bar = (
            f'<div class="bar" style="margin-left:{_pc(row.start, total)};'
            f'width:{_pc(row.phase.minutes, total)};background:{row.fill}"></div>'
        )
        out.append(
            f'<tr><td class="n">{row.number}</td><td>{_h(row.phase.title)}</td>'
            f'<td style="color:{row.ink}">{_h(row.case)}</td>'
            f'<td class="num">{_h(min_text(row.phase.minutes))}</td>'
            f'<td class="num">{_h(min_text(row.start))}</td>'
            f'<td class="track">{bar}</td></tr>'
        )
    return [*out, "</tbody>\n</table>\n</section>"]


def _pc(part: float, total: float) -> str:
    return f"{part / total * 100:.3f}%"


def _phase(row: Row, same: Row | None, audience: str) -> str:
    phase = row.phase
    label = f'<span class="label" style="color:{row.ink}">{_h(row.case)}</span>' if row.case else ""
    out = [
        f'<section class="phase" style="border-left-color:{row.ink}">',
        f"<h3>{row.number}. {_h(phase.title)}{label}</h3>",
        f'<p class="when">{_h(row.when)}</p>',
    ]
    if same is not None:  # said once, on one page: a second case repeats the first's words
        as_before = _("Same words as phase {number} ({title}).").format(
            number=same.number, title=same.phase.title
        )
        out.append(f'<p class="same">{_h(as_before)}</p>')
        return "\n".join([*out, "</section>"])
    if audience == MEMBERS:
        if for_members(phase):
            out.append(f'<p class="text for-group">{_h(for_members(phase))}</p>')
        return "\n".join([*out, "</section>"])
    if phase.purpose:
        purpose = _h(_("Purpose:"))
        out.append(f'<p class="text purpose"><strong>{purpose}</strong> {_h(phase.purpose)}</p>')
    if phase.prompt:
        out.append(f'<p class="text prompt">{_h(phase.prompt)}</p>')
    return "\n".join([*out, "</section>"])
