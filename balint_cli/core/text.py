"""Keeping text from files and users inert on a terminal, and in a spreadsheet's cell."""

from __future__ import annotations

import functools
import unicodedata

# Newlines and tabs are layout; every other control or format character could move the
# cursor, change colours or hide text, so it never reaches the terminal.
_LAYOUT = {"\n", "\t"}


def control_chars(value: str, *, allow_newlines: bool = True) -> list[str]:
    """The control characters in value (newlines and tabs allowed when asked)."""
    allowed = _LAYOUT if allow_newlines else set()
    plain = value.replace("\n", "").replace("\t", "") if allow_newlines else value
    if plain.isprintable():  # checked in C: no control, format or unassigned character
        return []
    return [ch for ch in value if ch not in allowed and _is_control(ch)]


def inert(value: str, *, one_line: bool = False) -> str:
    """value with every control character replaced by a visible stand-in."""
    plain = value.replace("\n", "").replace("\t", "")
    if plain.isprintable():  # the common case, checked in C: nothing to replace
        return value.replace("\n", " ").replace("\t", " ") if one_line else value
    out = []
    for ch in value:
        if ch in _LAYOUT and not one_line:
            out.append(ch)
        elif ch in _LAYOUT:
            out.append(" ")
        elif _is_control(ch):
            out.append("\N{REPLACEMENT CHARACTER}")
        else:
            out.append(ch)
    return "".join(out)


# A cell a spreadsheet reads as a formula (or, after a tab or carriage return, as one): an
# apostrophe before it keeps it text, as spreadsheets themselves show it.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@functools.lru_cache(maxsize=4096)  # the same titles and labels, thousands of times
def spreadsheet_cell(value: str) -> str:
    """Text for a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    value = inert(value, one_line=True)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def describe(ch: str) -> str:
    """A character as U+XXXX, for messages."""
    return f"U+{ord(ch):04X}"


def _is_control(ch: str) -> bool:
    # Cc: C0/C1 controls (ESC, BEL, CSI...); Cf: format characters such as bidi overrides;
    # Cs: lone surrogates (a file name that is not UTF-8), which no output can encode;
    # noncharacters such as U+FFFE, which make an SVG or HTML page ill-formed.
    if ch == "\u200d":  # the zero-width joiner holds emoji and some scripts together
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs") or _noncharacter(ord(ch))


def _noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
