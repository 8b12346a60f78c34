"""The keys, and the panels over the live screen (no I/O): help, ground rules, a phase's tips.

A panel that does not fit the terminal is shown a page at a time, never cut: space (or n,
or an arrow) turns to the next page, b to the one before, and the bottom row says which
page this is. Every word balint adds comes from the message catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from balint_cli.core.text import inert
from balint_cli.core.view import View
from balint_cli.i18n import _
from balint_cli.live.layout import wrap

HELP, RULES, AIDS = "help", "rules", "aids"
NEXT_PAGE = ("space", "n", "down", "right", "pagedown")
PAGE_BACK = ("b", "up", "left", "pageup")
ONLY_PAGES = ("down", "right", "pagedown", "up", "left", "pageup")  # keys for nothing else
_KEYS_IN_WORDS = 80  # from here the key line names every key but o; narrower, every letter
_TWO_COLUMNS = 44  # narrower than this, the help is two columns of single words

Unit = list[Text]  # lines that belong together: a page never breaks them if it can help it


def key_lines() -> tuple[str, ...]:
    """The key line, from the fullest to the shortest: `key_line` chooses the one shown.

    From 80 columns up every key but o is on it (o, which acts only in a session of several
    cases, has room from 132); narrower, every key's letter, and ? for the help.
    """
    return (
        _(
            "space pause · n next · b back · +/- minute · g rules · i tips · c case · o one case"
            " · m mark · a came · d discreet · q quit · ? help"
        ),
        _(
            "space pause · n/b next/back · +/- · g rules · i tips · c case · m mark · a came"
            " · d discreet · q · ?"
        ),
        _("space pause · n · b · +/- · g rules · i tips · c case · m mark · a · d · q · ?"),
        _("spc pause · n · b · +/- · g · i · c · o · m · a · d · q · ? help"),
        _("spc n b +/- g i c o m a d q ?"),
    )


def key_line(width: int) -> str:
    """The fullest key line that fits this width; below 80 columns, only one naming o too."""
    lines = key_lines()
    fits = [k for k in lines if len(k) <= width]
    if width < _KEYS_IN_WORDS:  # a line that leaves o out would leave a key unnamed
        fits = [k for k in fits if "o" in k.replace("·", " ").split()]
    return next(iter(fits), lines[-1])


def help_rows() -> tuple[tuple[str, str, str], ...]:
    """The keys in full (help), and each in a word for a small screen."""
    return (
        (_("space"), _("pause, or carry on"), _("pause")),
        ("n", _("next phase (asks on the last)"), _("next")),
        ("b", _("back, with the time it had left"), _("back")),
        ("+", _("one minute more for this phase"), _("minute more")),
        ("-", _("one minute less for this phase"), _("minute less")),
        ("g", _("the ground rules, to say again"), _("rules")),
        ("i", _("this phase's purpose, what to say"), _("tips")),
        ("c", _("skip the rest of this case (asks)"), _("skip case")),
        ("o", _("take only this case today (asks)"), _("one case")),
        ("m", _("a marker in the log, for review"), _("marker")),
        ("a", _("how many came (digits, Enter)"), _("attendance")),
        ("d", _("discreet: minutes only, no bell"), _("discreet")),
        ("q", _("end the session (asks first)"), _("quit")),
        ("?", _("show these keys"), _("keys")),
        (_("Ctrl-C"), _("stop now (run --resume goes on)"), _("stop")),
    )


def panel_units(panel: str, view: View, rules: Sequence[str], width: int) -> list[Unit]:
    """What a panel shows, in the pieces a page keeps together."""
    if panel == RULES:
        return [[Text(_("Ground rules"), style="bold")], *_bullets(rules, width)]
    if panel == AIDS:
        phase = view.phase
        units: list[Unit] = [[Text(inert(phase.title, one_line=True), style="bold")]]
        if phase.purpose:
            units.append(list(wrap(_("Purpose: ") + phase.purpose, width, "cyan")))
        said = _bullets(phase.interventions, width)
        if said:  # the heading goes with the first of them
            said[0].insert(0, Text(_("If it drifts, you might say:"), style="bold"))
        return [*units, *said]
    return [[line] for line in _help(width)]


def paginate(units: Sequence[Unit], rows: int) -> list[list[Text]]:
    """units as pages of at most rows lines; a unit taller than a page goes on over pages."""
    rows = max(rows, 1)
    pages: list[list[Text]] = [[]]
    for unit in units:
        for start in range(0, len(unit), rows):
            piece = unit[start : start + rows]
            if pages[-1] and len(pages[-1]) + len(piece) > rows:
                pages.append([])
            pages[-1].extend(piece)
    return pages


def page_hint(page: int, pages: int, width: int) -> str:
    """The bottom row under a panel: how to close it, and on which page it is."""
    if pages <= 1:
        return _("Any key closes this")
    parts = [f"{page + 1}/{pages}"]
    if page + 1 < pages:
        parts.append(_("space: more"))
    if page > 0:
        parts.append(_("b: back"))
    forms = [[*parts, _("any other key closes")], parts, parts[:2]]
    return next((" · ".join(form) for form in forms if len(" · ".join(form)) <= width), parts[0])


def bullets(items: Sequence[str], width: int) -> list[Text]:
    """A bulleted list, each item wrapped, never cut: each one matters."""
    return [line for unit in _bullets(items, width) for line in unit]


def _bullets(items: Sequence[str], width: int) -> list[Unit]:
    """The bulleted list as units, an item's lines kept together on a page."""
    units: list[Unit] = []
    for item in items:
        wrapped = wrap(item, width - 2, "")
        units.append([Text("  " if i else "• ") + line for i, line in enumerate(wrapped)])
    return units


def _help(width: int) -> list[Text]:
    """Every key with what it does; in two columns of single words where room is short."""
    rows = help_rows()
    if width >= _TWO_COLUMNS:
        lines = []
        wide = max(len(key) for key, _what, _word in rows)  # a key's name may be a word
        for key, what, _word in rows:
            line = Text(f"{key:>{wide}}  ", style="bold")
            line.append(what)
            lines.append(line)
        return lines
    short = {_("Ctrl-C"): "^C", _("space"): _("spc")}
    cells = [Text(f"{short.get(key, key):>3} ", "bold").append(word) for key, _w, word in rows]
    half = (len(cells) + 1) // 2
    column = max(width // 2, 1)
    lines = []
    right_column = cells[half:] + [Text()] * (len(cells) % 2)
    for left, right in zip(cells[:half], right_column, strict=True):
        line = left.copy()
        line.append(" " * max(column - left.cell_len, 1))
        lines.append(line.append_text(right))
    return lines
