"""Output in any encoding: what it cannot hold is written as a readable stand-in.

A redirected `balint plan > plan.txt` on Windows writes cp1252, a latin-1 or C locale
latin-1 or ASCII; balint's tables, bars and lengths hold ─ █ · ½, the German formats ö ß „.
Rather than fail with UnicodeEncodeError, stdout and stderr write each character their
encoding cannot hold as a near stand-in in ASCII: lines and bars as - = | #, letters
without their accents, typographic quotes and dashes as plain ones, anything else as ?.
"""

from __future__ import annotations

import codecs
import contextlib
from functools import cache

HANDLER = "balint-stand-in"  # the name the streams' `errors` is set to

_LIKE = {
    **dict.fromkeys("‐‑‒–—―−", "-"),
    **dict.fromkeys("‘’‚‛‹›′", "'"),
    **dict.fromkeys("“”„‟«»″", '"'),
    "·": "-",  # the separator in "case 2 of 2 · phase 3 of 4"
    "•": "*",
    "…": ".",  # one cell for one: a table's columns stay in line
    "⁄": "/",
    "½": ".5",  # 7½ min: 7.5 min
    "¼": ".25",
    "¾": ".75",
    "×": "x",
    "✓": "v",  # a rule met, in `log progress`
    "→": ">",
    "←": "<",
    "ß": "ss",
    "ẞ": "SS",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ı": "i",
}

# A spark keeps its height, a shade stays apart from a full block beside it.
_BLOCKS = dict(zip("▁▂▃▄▅▆▇▓▒░", "_..--===:.", strict=True))


def keep_writing(*streams: object) -> None:
    """The streams write what their encoding cannot hold as stand-ins, rather than fail."""
    codecs.register_error(HANDLER, _stand_ins)
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError, LookupError):
                reconfigure(errors=HANDLER)


def holds_everything(stream: object) -> bool:
    """Whether the stream's encoding holds every character (UTF-8, UTF-16, UTF-32)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def _stand_ins(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    return "".join(stand_in(ch) for ch in err.object[err.start : err.end]), err.end


@cache
def stand_in(ch: str) -> str:
    """What ch is written as where it cannot be: ASCII a person still reads as it."""
    import unicodedata  # here: only an output that cannot hold a character needs it

    if ch in _LIKE:
        return _LIKE[ch]
    if 0x2500 <= ord(ch) <= 0x257F:
        return _line(unicodedata.name(ch, ""))
    if 0x2580 <= ord(ch) <= 0x259F:  # the bars of charts and timelines
        return _BLOCKS.get(ch, "#")
    kind = unicodedata.category(ch)
    if kind in ("Mn", "Me", "Cf"):
        return ""  # an accent on its own, a joiner, a byte order mark: nothing to see
    plain = unicodedata.normalize("NFKD", ch)
    if plain != ch:
        return "".join(stand_in(part) for part in plain)
    if ch.isascii():
        return ch
    return "??" if unicodedata.east_asian_width(ch) in ("W", "F") else "?"


def _line(name: str) -> str:
    """A box-drawing character by its name: ─ -, ━ and ═ =, │ |, a corner or a crossing +."""
    if "DIAGONAL" in name:
        return "X" if "CROSS" in name else "/" if "UPPER RIGHT" in name else "\\"
    across = "HORIZONTAL" in name or "LEFT" in name or "RIGHT" in name
    down = "VERTICAL" in name or " UP" in name or "DOWN" in name
    if across and down:
        return "+"
    if across:
        return "=" if "HEAVY" in name or "DOUBLE" in name else "-"
    return "|"
