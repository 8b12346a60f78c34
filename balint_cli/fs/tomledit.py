"""Changing one top-level key of a small TOML file, the rest of it kept as the user wrote it.

The key's own line is replaced (its comment kept), removed, or a line is added; every other
line, comments and blank lines included, stays. When that cannot be done line by line (the
value runs over several lines, say), the file is written afresh from its values, and its
comments are lost: the result is checked against what it must hold either way.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import tomli_w


def with_key(text: str, key: str, value: Any | None) -> str:
    """The TOML text with key set to value at its top level (None: key removed)."""
    data = tomllib.loads(text)
    wanted = {k: v for k, v in data.items() if k != key}
    if value is not None:
        wanted[key] = value
    edited = _by_line(text, key, value, data)
    if edited is not None and _reads_as(edited, wanted):
        return edited
    return tomli_w.dumps(wanted)


def _by_line(text: str, key: str, value: Any | None, data: dict[str, Any]) -> str | None:
    """text with the key's line replaced, removed or added; None where no line will do."""
    lines = text.splitlines(keepends=True)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"  # as the file has them
    said = tomli_w.dumps({key: value}).replace("\n", eol) if value is not None else ""
    assigns = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    for index, line in enumerate(lines):
        if line.lstrip().startswith("["):  # the top level ends at the first table
            break
        if assigns.match(line):
            if said:
                lines[index] = _keep_comment(line, said, {key: data.get(key)})
            else:
                del lines[index]
            return "".join(lines)
    if not said:
        return text  # not there: nothing to remove
    at = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines))
    if at and not lines[at - 1].endswith("\n"):
        lines[at - 1] += eol
    lines.insert(at, said)
    return "".join(lines)


def _keep_comment(line: str, said: str, old: dict[str, Any]) -> str:
    """said, with the comment that followed the old value on its line (if any)."""
    for found in re.finditer("#", line):
        try:
            if tomllib.loads(line[: found.start()]) == old:
                gap = re.search(r"\s*$", line[: found.start()])
                space = gap[0] if gap and gap[0] else " "
                comment = line[found.start() :].rstrip("\r\n")
                return said.rstrip("\r\n") + space + comment + said[len(said.rstrip("\r\n")) :]
        except tomllib.TOMLDecodeError:
            continue
    return said


def _reads_as(text: str, wanted: dict[str, Any]) -> bool:
    try:
        return tomllib.loads(text) == wanted
    except tomllib.TOMLDecodeError:
        return False
