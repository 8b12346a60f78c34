"""Pure: what balint reads as a number or a clock time. Only 0-9 are digits.

Python's int() and float(), str.isdigit() and a regular expression's \\d also take the
digits of other scripts (٣ is 3), superscripts and circled digits (², ①) and underscores
(1_0 is 10): balint would then act on a number the leader never saw written. Every number,
count and clock time balint reads, from an option, a key or a file, is read here.
"""

from __future__ import annotations

from datetime import time

from balint_cli.core.text import inert
from balint_cli.errors import BadInput


def is_digits(text: str) -> bool:
    """Whether text is one or more of the digits 0-9, and nothing else."""
    return text.isascii() and text.isdigit()


def whole(text: str) -> int | None:
    """A whole number written in 0-9, perhaps signed ('12', '-1'); None if it is not one."""
    said = text.strip()
    unsigned = said[1:] if said[:1] in ("+", "-") else said
    return int(said) if is_digits(unsigned) else None


def number(text: str) -> float | None:
    """A number written in 0-9 with a point or an exponent ('2.5', '1e3'); None if not one."""
    said = text.strip()
    if not said.isascii() or "_" in said:
        return None
    try:
        return float(said)
    except ValueError:
        return None


def clock_time(text: str) -> time | None:
    """An HH:MM clock time ('13:15', '9:05'); None if text is not one."""
    hours, colon, minutes = text.partition(":")
    if not (colon and is_digits(hours) and is_digits(minutes)):
        return None
    if len(hours) > 2 or len(minutes) != 2 or int(hours) > 23 or int(minutes) > 59:
        return None
    return time(int(hours), int(minutes))


def parse_clock(text: str, option: str) -> time:
    """An HH:MM clock time, or BadInput naming the option."""
    when = clock_time(text.strip())
    if when is None:
        raise BadInput(
            f"{option}: '{inert(text, one_line=True)}' is not a clock time; use HH:MM, like 13:15."
        )
    return when
