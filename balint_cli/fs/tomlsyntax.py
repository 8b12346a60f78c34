"""TOML syntax errors in plain words: what is wrong on which line, and what would be right.

tomllib speaks as a parser ("Invalid value", "Expected newline or end of document after a
statement"); someone who has just edited a format or config.toml by hand needs the line,
the mistake in their own terms, and the fix. Each of tomllib's messages is mapped here to
one sentence, looking at the line itself where that says more.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass

from balint_cli.core.text import control_chars, describe, inert

_MESSAGE = re.compile(
    r"^(?P<what>.*?)\s*\(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$",
    re.DOTALL,
)
_NUMBER = re.compile(r"^[+-]?\d[\d_]*(\.\d+)?$")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+(\s*\.\s*[A-Za-z0-9_-]+)*$")
_WORD = re.compile(r"[^\s,\]}#=]+")
_YES_NO = {"yes", "no", "on", "off", "true", "false", "y", "n"}
_NOTHING = {"null", "none", "nil", "nothing", "undefined"}
_QUOTES = "\"'"
_CURLY = "“”„‘’‚«»"
# How many lines back to look for where an unclosed text or list began, when tomllib only
# says that the file ended inside it; a hand-written file keeps that close to its end.
_LOOK_BACK = 40
_LOOK_BACK_CHARS = 200_000


@dataclass(frozen=True)
class _Spot:
    """Where tomllib stopped: the line (from 1), its text, and the column (from 0)."""

    number: int
    line: str
    col: int
    text: str  # the whole file, for what an earlier line says

    @property
    def before(self) -> str:
        return self.line[: self.col]

    @property
    def after(self) -> str:
        return self.line[self.col :]

    @property
    def key(self) -> str:
        """The key this line gives a value to, as written ('' when there is none)."""
        left, equals, _ = self.line.partition("=")
        return _show(left.strip().strip(_QUOTES)) if equals else ""

    @property
    def value(self) -> str:
        """What follows the = up to where tomllib stopped."""
        return self.before.partition("=")[2].strip()

    @property
    def written(self) -> str:
        """What follows the =, as written up to a comment."""
        return self.line.partition("=")[2].partition("#")[0]


def plain(message: str, text: str) -> str:
    """tomllib's message about text as one sentence, such as "line 4: write the number alone,
    minutes = 5" (without a full stop)."""
    found = _MESSAGE.match(message)
    if found is None:
        return f"this is not valid TOML ({_show(message)})"
    what = found["what"].strip().rstrip(".")
    if found["line"] is None:
        return _at_end(what, text)
    spot = _spot(text, int(found["line"]), int(found["col"]))
    for start, say in _SAYINGS:
        if what.startswith(start):
            return f"line {spot.number}: {say(spot, what)}"
    return f"line {spot.number}: this is not valid TOML ({_show(what)})"


def _spot(text: str, number: int, col: int) -> _Spot:
    lines = text.split("\n")
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    return _Spot(number, line.rstrip("\r"), max(0, min(col - 1, len(line))), text)


def _starts(value: str, chars: str) -> bool:
    """Whether value begins with one of chars (never for an empty value)."""
    return bool(value) and value[0] in chars


def _show(value: str, width: int = 40) -> str:
    """A piece of the user's file, safe to print and short enough for a sentence."""
    value = inert(value.strip(), one_line=True)
    return value if len(value) <= width else value[: width - 1] + "…"


# -- the file ended inside something ------------------------------------------------------


def _at_end(what: str, text: str) -> str:
    """The file ended inside a text, a list or a table: say where that began, if it can."""
    number = _opened_at(text)
    where = f"line {number}" if number else "at the end of the file"
    line = text.split("\n")[number - 1] if number else ""
    if what.startswith("Expected \"'''\"") or "'''" in line:
        return f"{where}: a text that opens with ''' must close with '''"
    if what.startswith("Unterminated string") and '"""' in line:
        return f'{where}: a text that opens with """ must close with """'
    if what.startswith(("Unterminated string", 'Expected "\'"')):
        quote = "'" if what.startswith("Expected") else '"'
        return f"{where}: {_unclosed_quote(quote)}"
    if what.startswith("Unclosed inline table") or line.rstrip().endswith("{"):
        return f"{where}: a table that opens with {{ must close with }} on the same line"
    if line.rstrip().endswith("="):
        key = _show(line.partition("=")[0].strip(_QUOTES + " "))
        return f"{where}: {key} has no value after the =; {_GIVE_A_VALUE}"
    if "[" in line:
        return f"{where}: the file ends before the list that opens here is closed; end it with ]"
    return f"{where}: the file ends before the last value is complete"


def _opened_at(text: str) -> int:
    """The line where the unfinished last statement begins: the line after the longest start
    of the file that reads as whole TOML (0 when it is not found close to the end)."""
    if len(text) > _LOOK_BACK_CHARS:
        return 0
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    for count in range(len(lines) - 1, max(-1, len(lines) - 1 - _LOOK_BACK), -1):
        try:
            tomllib.loads("\n".join(lines[:count]))
        except (tomllib.TOMLDecodeError, RecursionError, ValueError):
            continue
        return count + 1
    return 0


# -- a line that is wrong -----------------------------------------------------------------

_GIVE_A_VALUE = 'give one, such as true, 5 or "some text"'


def _unclosed_quote(quote: str) -> str:
    triple = quote * 3
    return (
        f"a text that opens with {quote} must close on the same line; "
        f"end it with {quote}, or use {triple} for text over several lines"
    )


def _illegal(spot: _Spot, what: str) -> str:
    """A newline or a control character inside a text."""
    if what.endswith(("'\\n'", "'\\r'")):
        opened = [ch for ch in spot.before if ch in _QUOTES]
        return _unclosed_quote(opened[-1] if opened else '"')
    bad = control_chars(spot.after[:1], allow_newlines=False)
    name = describe(bad[0]) if bad else "a control character"
    return f"a text holds the control character {name}, which TOML does not allow; remove it"


def _after_value(spot: _Spot, what: str) -> str:
    """Something follows a complete value (or a table header) on its line."""
    rest = spot.after.strip()
    shown = _show(rest, 20)
    if spot.before.lstrip().startswith("["):
        return f"a table header stands on a line of its own; put {shown} on the next line"
    key, value = spot.key, spot.value
    if rest.startswith(";"):
        return "a line needs no ; at its end; remove it"
    if _NUMBER.match(value):
        return _after_number(key, value, rest, spot.written)
    if _starts(value, _QUOTES):
        return (
            f"there is more after the closing quote ({shown}); put all of the text inside the "
            "quotes, or start a comment with #"
        )
    return (
        f"{shown} follows the value where the line should end; give one key = value a line, "
        "and start a comment with #"
    )


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\b")
_NO_DATE = "is not a date TOML can read; write a date as 2026-12-01"


def _after_number(key: str, value: str, rest: str, written: str) -> str:
    """A number followed by a unit, a decimal comma, a clock time's minutes or more digits
    (rest is what follows it; written, the whole value as the line has it)."""
    if rest[:1] == "," and rest[1:2].isdigit():
        decimals = re.match(r"\d+", rest[1:])
        return f"write decimals with a point, {key} = {value}.{decimals[0] if decimals else ''}"
    minutes = re.match(r":\d+", rest)
    if minutes and len(value) <= 2:
        return f'a clock time is text in quotes, {key} = "{value}{minutes[0]}"'
    if value.lstrip("+-") == "0" and rest[:1].isdigit():
        whole = re.match(r"\d+", rest)
        return f"write the number without a leading 0, {key} = {whole[0] if whole else ''}"
    if rest[:1].isalpha() or _starts(rest, "%'\""):
        return f"write the number alone, {key} = {value}"
    if _DAY.match(written.strip()):  # a month no calendar has: 2026-13-01, 2026-00-10
        return f"{_show(written.strip(), 20)} {_NO_DATE}"
    return (
        f"{_show(written, 20)} is not a number TOML can read; write it as 5 or 7.5, or as "
        "text in quotes"
    )


def _invalid_value(spot: _Spot, what: str) -> str:
    """What follows an = is not a value."""
    rest = spot.after.strip()
    word = _WORD.match(rest)
    token = word[0] if word else ""
    key = spot.key
    if spot.line.lstrip().startswith("[") and "=" not in spot.line:
        return (
            f"{_show(spot.line)} comes before the list above it is closed; "
            "end that list with ] after its last entry"
        )
    if rest.startswith("="):
        return f"one = is enough, {key} = {_show(rest.lstrip('= '), 30)}"
    if token.lower() in _YES_NO:
        return f"{_show(token)} is not a TOML value; write true or false"
    if token.lower() in _NOTHING:
        return f"TOML has no {_show(token)}; leave {key or 'the key'} out to get its default"
    if _starts(rest, _CURLY):
        return 'text goes between straight quotes, "like this", not curly ones'
    if rest[:1] == "." and rest[1:2].isdigit():
        return f"write a digit before the point, {key} = 0{_show(token, 10)}"
    if not rest or rest.startswith("#"):
        return f"{key or 'the key'} has no value after the =; {_GIVE_A_VALUE}"
    if key and token[:1].isalpha():
        text = _show(rest.partition("#")[0].strip(), 30)
        return f'text goes in quotes, {key} = "{text}"'
    return (
        f"{_show(rest, 20)} is not a value TOML knows; text goes in quotes, and numbers, true "
        "and false without"
    )


def _missing_equals(spot: _Spot, what: str) -> str:
    """A key without its =."""
    key, rest = spot.before.strip(), spot.after.strip()
    if spot.line.strip().endswith("]"):
        return "a table header begins with [ as well as ending with ], such as [[phases]]"
    if rest.startswith(":"):
        return f"write = between {_show(key)} and its value, not :"
    if "=" in rest:
        whole = spot.line.partition("=")[0].strip()
        joined = re.sub(r"\s+", "_", whole)
        return (
            f"a key is one word: write {_show(joined)} (with _ for the space), "
            f'or put "{_show(whole)}" in quotes'
        )
    if not rest:
        return f"{_show(key)} needs an = and a value after it, such as {_show(key)} = true"
    return f"a key needs = before its value, {_show(key)} = {_show(rest, 30)}"


def _header_unclosed(spot: _Spot, what: str) -> str:
    """A table header without its closing bracket(s)."""
    double = what.startswith("Expected ']]'")
    name = spot.line.strip().strip("[]").strip()
    shown = f"[[{name}]]" if double else f"[{name}]"
    if " " in name and not _starts(name, _QUOTES):
        quoted = f'[["{name}"]]' if double else f'["{name}"]'
        return f"a table name with a space goes in quotes, {_show(quoted)}"
    if not _BARE_KEY.match(name):
        return "a table header is a name between brackets on a line of its own, such as [name]"
    return f"the table header needs its closing {']]' if double else ']'}: {_show(shown)}"


def _given_twice(spot: _Spot, what: str) -> str:
    """A key given a second value (in the same table)."""
    if spot.line.lstrip().startswith("["):
        return f"{_show(spot.line)} names a table, but that name already has a value above"
    key = spot.key or _show(spot.before.strip())
    earlier = _earlier(spot)
    if earlier:
        return f"{key} is given twice in the same table, here and on line {earlier}; keep one"
    return f"{key} is given twice in the same table; keep one"


def _earlier(spot: _Spot) -> int:
    """The line above, in the same table, that gave spot's key its first value (0: not found)."""
    lines = spot.text.split("\n")[: spot.number - 1]
    for number in range(len(lines), 0, -1):
        line = lines[number - 1].strip()
        if line.startswith("["):
            return 0
        left, equals, _ = line.partition("=")
        if equals and _show(left.strip().strip(_QUOTES)) == spot.key:
            return number
    return 0


def _declared_twice(spot: _Spot, what: str) -> str:
    """A table header given a second time."""
    header = spot.line.strip()
    name = _show(header.strip("[]").strip())
    if header.startswith("[") and not header.startswith("[["):
        return (
            f"[{name}] is declared a second time; a table is declared once, and each entry "
            f"of a list of tables (each phase, say) begins with [[{name}]]"
        )
    return f"{_show(header)} is declared a second time; declare each table once"


def _fixed_earlier(spot: _Spot, what: str) -> str:
    """A table written whole above (a list, or { }), added to again here."""
    return (
        f"{_show(spot.line)} adds to something already written whole above (as a list or "
        "with { }); write it in one place"
    )


def _unclosed_list(spot: _Spot, what: str) -> str:
    return (
        "a list above is not closed before this point; put a comma between its entries, and "
        "end it with ]"
    )


def _unclosed_table(spot: _Spot, what: str) -> str:
    return "a table in { } needs commas between its entries and its } on the same line"


def _no_key(spot: _Spot, what: str) -> str:
    """A key was expected and something else came."""
    if spot.line.lstrip().startswith("[") and "=" not in spot.line:
        return "a table header needs a name between its brackets, such as [[phases]]"
    if "{" in spot.before:
        return "a table in { } stays on one line, with no comma before its }"
    return "a key is expected here: a word of letters, digits, _ and -, or text in quotes"


def _no_statement(spot: _Spot, what: str) -> str:
    return (
        f"{_show(spot.line)} is not a line TOML knows; each line is key = value, a [table] "
        "header, or a comment starting with #"
    )


def _backslash(spot: _Spot, what: str) -> str:
    return (
        'a backslash in text between " quotes begins an escape such as \\n; write \\\\ for a '
        "backslash, or put the text between ' quotes"
    )


def _twice_in_braces(spot: _Spot, what: str) -> str:
    name = what.partition("key")[2].strip().strip(_QUOTES)
    return f"{_show(name)} is given twice inside {{ }}; keep one"


def _bad_date(spot: _Spot, what: str) -> str:
    return f"this {_NO_DATE}, or put it in quotes"


_Saying = Callable[[_Spot, str], str]

# Each of tomllib's messages (by how it starts), and who says it in plain words.
_SAYINGS: tuple[tuple[str, _Saying], ...] = (
    ("Illegal character", _illegal),
    ("Found invalid character", _illegal),
    ("Expected newline or end of document", _after_value),
    ("Invalid value", _invalid_value),
    ("Expected '=' after a key", _missing_equals),
    ("Expected ']' at the end of a table", _header_unclosed),
    ("Expected ']]' at the end of an array", _header_unclosed),
    ("Cannot overwrite a value", _given_twice),
    ("Cannot declare", _declared_twice),
    ("Cannot mutate immutable namespace", _fixed_earlier),
    ("Cannot redefine namespace", _fixed_earlier),
    ("Unclosed array", _unclosed_list),
    ("Unclosed inline table", _unclosed_table),
    ("Invalid initial character for a key part", _no_key),
    ("Invalid statement", _no_statement),
    ("Unescaped '\\'", _backslash),
    ("Invalid hex value", _backslash),
    ("Escaped character is not a Unicode scalar value", _backslash),
    ("Duplicate inline table key", _twice_in_braces),
    ("Invalid date or datetime", _bad_date),
)
