"""Writing a format as a file a person edits: tidy TOML, each key explained in a comment."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Set
from pathlib import Path
from typing import Any

import tomli_w
from pydantic.fields import FieldInfo

from balint_cli.core.format import FORMAT_VERSION, Format, Phase
from balint_cli.errors import BadInput
from balint_cli.fs.files import show_path, write_atomic

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_WIDTH = 88
_HEAD = (
    "A balint format. Each key is explained above its first use. Check the file with "
    "`balint formats validate FILE`; `balint formats schema` describes every key."
)


def check_name(name: str) -> str:
    """A name for a new format file, or BadInput."""
    if not _NAME.match(name):
        raise BadInput(
            f"'{show_path(name)}' cannot name a format: use up to 40 lowercase letters, "
            "digits, '-' or '_', starting with a letter or digit."
        )
    return name


def to_toml(fmt: Format) -> str:
    """The TOML text of a format, as tidy as a person would write it, with each key explained
    in a comment above its first use, and the keys it does not use listed once."""
    data = _whole_numbers({"version": FORMAT_VERSION, **fmt.model_dump(exclude_defaults=True)})
    phases: list[dict[str, Any]] = data.pop("phases")
    out = _comment(_HEAD) + [""]
    out += _keys(data, Format.model_fields, set())
    out += _unused({*data, "phases"}, Format.model_fields, "the format")
    used = {key for phase in phases for key in phase}
    told: set[str] = set()  # the phase keys explained so far
    for number, phase in enumerate(phases):
        out += ["", "[[phases]]", *_keys(phase, Phase.model_fields, told)]
        if number == 0:
            out += _unused(used, Phase.model_fields, "a phase")
    return "\n".join(out) + "\n"


def _keys(data: Mapping[str, Any], fields: Mapping[str, FieldInfo], told: set[str]) -> list[str]:
    """Each key = value, a comment above the first of each key in the file."""
    out: list[str] = []
    for key, value in data.items():
        if key not in told and fields[key].description:
            told.add(key)
            out += _comment(f"{key}: {fields[key].description}")
        out.append(tomli_w.dumps({key: value}, multiline_strings=True).rstrip("\n"))
    return out


def _unused(used: Set[str], fields: Mapping[str, FieldInfo], owner: str) -> list[str]:
    """The keys a format or a phase may also have, each with what it does."""
    left = [key for key in fields if key not in used and fields[key].description]
    if not left:
        return []
    out = _comment(f"Also possible in {owner}:")
    for key in left:
        out += _comment(f"{key}: {fields[key].description}", indent="  ")
    return out


def _comment(text: str, indent: str = "") -> list[str]:
    """text as comment lines that fit the width."""
    lines = textwrap.wrap(text, _WIDTH - 2 - len(indent), break_on_hyphens=False)
    return [f"# {indent}{line}" for line in lines[:1]] + [
        f"# {indent}  {line}" if indent else f"# {line}" for line in lines[1:]
    ]


def _whole_numbers(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _whole_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(item) for item in value]
    return value


def write_new(path: Path, text: str, *, force: bool, in_home: bool) -> None:
    """Write a format file; without force, never replace an existing file.

    In the user's formats folder the folder is made if need be (private); elsewhere the
    folder must exist.
    """
    write_atomic(path, text, force=force, make_folder=in_home)
