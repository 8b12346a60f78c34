"""What the two sheets share (no I/O): the page around them, set for A4 with nothing fetched,
the facts at their head, and the blank fields written on by hand."""

from __future__ import annotations

from collections.abc import Sequence

from balint_cli.i18n import language
from balint_cli.render.pages import a4, escaped, head

_CSS = a4("12mm 14mm", "182mm", "10pt/1.3") + "\n" + """
h1 { font-size: 18pt; line-height: 1.15; margin: 0 0 5pt; }
p { margin: 0 0 4pt; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3pt 10pt;
  margin: 0 0 8pt; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.line { display: inline-block; min-width: 28mm; border-bottom: 0.75pt solid #111; }
.line.long { min-width: 80mm; }
.fields { display: grid; grid-template-columns: 3fr 2fr; gap: 0 10mm; margin: 4pt 0 16pt; }
.field { height: 12mm; border-bottom: 0.75pt solid #111; position: relative;
  margin-bottom: 12pt; }
.field span { position: absolute; top: 100%; left: 0; padding-top: 1.5pt; font-size: 8pt;
  color: #444; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #777; padding: 1pt 4pt; text-align: left; vertical-align: middle; }
th { background: #eee; font-size: 9pt; }
.num { text-align: right; }
.note { color: #444; font-size: 8pt; margin-top: 8pt; }
""".strip()


def document(title: str, css: str, body: Sequence[str]) -> str:
    """A sheet as one self-contained page in the language spoken now."""
    return "\n".join(
        [*head(title, f"{_CSS}\n{css.strip()}", language()), *body, "</body>\n</html>\n"]
    )


def blank(long: bool = False) -> str:
    """A line to write on, within a sentence or beside a fact."""
    return '<span class="line long"></span>' if long else '<span class="line"></span>'


def facts(rows: Sequence[tuple[str, str]]) -> str:
    """Facts at a sheet's head: each name (text) with its value (HTML, perhaps a blank)."""
    said = "".join(f"<dt>{escaped(name)}</dt><dd>{value}</dd>" for name, value in rows)
    return f'<dl class="facts">{said}</dl>'


def fields(names: Sequence[str], kind: str) -> str:
    """Blank fields side by side, to be written on by hand, each named under its line."""
    said = "".join(f'<div class="field"><span>{escaped(name)}</span></div>' for name in names)
    return f'<div class="fields {kind}">{said}</div>'
