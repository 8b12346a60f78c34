"""Reading TOML files the user wrote, and explaining what is wrong with them in plain words."""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from balint_cli.core.text import control_chars, inert
from balint_cli.errors import BadInput
from balint_cli.fs.files import NotAFile, TooBig, kind_of, read_capped, show_path
from balint_cli.fs.tomlsyntax import plain

# A format file is a page of text; anything far bigger is not one, and reading it whole
# would only make balint slow to say so.
MAX_BYTES = 1_000_000

_MESSAGES = {
    "missing": "is required",
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "finite_number": "must be a finite number",
    "string_type": "must be text in quotes",
    "int_type": "must be a whole number",
    "float_type": "must be a number",
    "bool_type": "must be true or false",
    "date_type": "must be a date without quotes, like 2026-03-01",
    "list_type": "must be a list",
    "model_type": "must be a table",
    "model_attributes_type": "must be a table",
    "dict_type": "must be a table",
    "string_too_short": "must not be empty",
    "string_too_long": "must be at most {max_length} characters",
    "too_short": "must have at least {min_length} entries",
    "empty_list": "must have at least one entry",
    "too_long": "must have at most {max_length} entries",
    "string_pattern_mismatch": "may use only lowercase letters a-z, digits and '-'",
}


def read_toml(path: Path, kind: str = "format file") -> dict[str, Any]:
    """The TOML document at path, or BadInput saying in one sentence why it cannot be read."""
    return parse_toml(read_bytes(path, kind), show_path(path), kind)


def read_bytes(path: Path, kind: str = "format file") -> bytes:
    """The bytes of a file the user named, or BadInput saying why they cannot be read."""
    where = show_path(path)
    try:
        return read_capped(path, MAX_BYTES)
    except NotAFile:
        raise BadInput(f"{where} is {kind_of(path)}, not a {kind}.") from None
    except TooBig:
        raise BadInput(
            f"{where} is over {MAX_BYTES // 1000} kB, far too big to be a {kind}."
        ) from None
    except FileNotFoundError:
        raise BadInput(f"{where}: no such file.") from None
    except PermissionError:
        raise BadInput(f"{where} cannot be read: permission denied.") from None
    except (OSError, ValueError) as err:  # ValueError: a NUL in the path
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise BadInput(f"{where} cannot be read: {reason}.") from None


def parse_toml(raw: bytes, where: str, kind: str = "format file") -> dict[str, Any]:
    """Parse raw bytes as TOML, accepting a UTF-8 byte-order mark."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise BadInput(
            f"{where} is not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start}); "
            f"save the {kind} as UTF-8."
        ) from None
    if "\x00" in text:
        raise BadInput(f"{where} holds binary data, not the TOML text of a {kind}.")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise BadInput(f"{where}: {plain(str(err), text)}.") from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise BadInput(f"{where} nests arrays or tables too deeply to be a {kind}.") from None
    except ValueError:  # an integer of thousands of digits, past Python's limit for reading
        raise BadInput(f"{where} holds a number far too long to be in a {kind}.") from None


def explain(
    err: ValidationError,
    data: dict[str, Any],
    where: str,
    kind: str,
    fields: Sequence[str],
    phase_fields: Sequence[str] = (),
) -> BadInput:
    """One BadInput naming the file and, a line per problem, the place and what is wrong."""
    found = problems(err, data, fields, phase_fields)
    if len(found) == 1:
        return BadInput(f"{where}: {found[0]}.")
    return BadInput(f"{where} is not a valid {kind}:", found)


def problems(
    err: ValidationError,
    data: dict[str, Any],
    fields: Sequence[str],
    phase_fields: Sequence[str] = (),
) -> list[str]:
    """Each problem a validation found, in plain words: the place, and what is wrong."""
    said = [_problem(item, data, fields, phase_fields) for item in err.errors(include_url=False)]
    return list(dict.fromkeys(said))


def _problem(
    item: Any, data: dict[str, Any], fields: Sequence[str], phase_fields: Sequence[str]
) -> str:
    loc: Sequence[int | str] = item["loc"]
    kind: str = item["type"]
    ctx: dict[str, Any] = item.get("ctx") or {}
    place, field = _place(loc, data)
    if kind == "too_short" and ctx.get("min_length") == 1:
        kind = "empty_list"  # 'at least 1 entries' is not how anyone says it
    if kind == "too_long" and isinstance(item.get("input"), str):
        kind = "string_too_long"  # a text's own limit set over a checked text type: characters
    if kind == "extra_forbidden":
        known = phase_fields if place else fields
        text = f"{field} is not a field balint knows{suggest(field, known)}"
    elif kind == "literal_error":  # the choices in the quotes TOML uses
        text = f"{field} must be {str(ctx.get('expected', '')).replace(chr(39), chr(34))}"
    elif kind in _MESSAGES:
        text = f"{field} {_MESSAGES[kind].format(**_plain(ctx))}".strip()
    else:
        # Our own checks (PydanticCustomError) already speak in full sentences.
        text = f"{field} {item['msg']}".strip() if field else str(item["msg"])
    return f"{place}: {text}" if place else text


def _place(loc: Sequence[int | str], data: dict[str, Any]) -> tuple[str, str]:
    """Split a location into the item it is in (a phase, a rule), if any, and the field's name.

    An item is numbered as a person counts, from 1, and named by its title (else its id), or
    a rule by its measure.
    """
    parts = list(loc)
    place = ""
    if len(parts) >= 2 and parts[0] in _ITEMS and isinstance(parts[1], int):
        place = item_place(data, str(parts[0]), parts[1])
        parts = parts[2:]
    field = ""
    for part in parts:
        if isinstance(part, int):
            field += f"[{part}]"
        else:
            field += ("." if field else "") + inert(str(part), one_line=True)
    return place, field


# The lists whose items a message names: the word for one, and the fields that name it.
_ITEMS = {"phases": ("phase", ("title", "id")), "rules": ("rule", ("measure",))}


def item_place(data: dict[str, Any], items: str, index: int) -> str:
    """An item of a list as a message names it: phase 3 "Clarifying questions", rule 2
    "sessions-co-led"."""
    word, names = _ITEMS[items]
    place = f"{word} {index + 1}"
    found = data.get(items)
    if isinstance(found, list) and 0 <= index < len(found) and isinstance(found[index], dict):
        for key in names:
            value = found[index].get(key)
            named = isinstance(value, str) and value.strip()
            if named and not control_chars(value, allow_newlines=False):  # on one line, or not
                return f'{place} "{value.strip()[:60]}"'
    return place


def suggest(field: str, known: Sequence[str]) -> str:
    """ (did you mean bell?), when a known name is close to the one given."""
    close = difflib.get_close_matches(field, list(known), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def _plain(ctx: dict[str, Any]) -> dict[str, Any]:
    """Numbers in messages as people write them: 0 rather than 0.0."""
    return {k: (int(v) if isinstance(v, float) and v.is_integer() else v) for k, v in ctx.items()}
