"""Finding requirement files by name, the user's own (in $BALINT_HOME/requirements/) before
the ones shipped with balint, and reading them as formats are read: never waiting on a pipe,
never more than a cap, and never following a link out of the user's folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from balint_cli.errors import BadInput
from balint_cli.fs.files import show_path
from balint_cli.fs.paths import REQUIREMENTS
from balint_cli.fs.toml import explain, parse_toml, read_bytes
from balint_cli.requirements.builtin import BUILTIN_NAMES, builtin_dir
from balint_cli.requirements.model import FIELDS, RULE_FIELDS, Requirements

KIND = "requirements file"
BUILT_IN, YOURS = "built-in", "yours"


@dataclass(frozen=True)
class Entry:
    """A body's requirements that balint can find by name."""

    name: str  # what the user gives --towards
    path: Path
    source: str  # BUILT_IN or YOURS
    replaces: bool = False  # the user's file that replaces a shipped one of its name


def entries(home: Path, note: Callable[[str], None] | None = None) -> list[Entry]:
    """The shipped requirements that no file of the user's replaces, then the user's own.

    A folder that cannot be read hides only the user's files, with a note.
    """
    mine = _my_files(home, note)
    names = {path.stem for path in mine}
    found = [
        Entry(name, builtin_dir() / f"{name}.toml", BUILT_IN)
        for name in BUILTIN_NAMES
        if name not in names
    ]
    return found + [Entry(p.stem, p, YOURS, replaces=p.stem in BUILTIN_NAMES) for p in mine]


def _my_files(home: Path, note: Callable[[str], None] | None) -> list[Path]:
    folder = home / REQUIREMENTS
    try:
        with os.scandir(folder) as found:
            return sorted(folder / e.name for e in found if e.name.endswith(".toml"))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as err:
        if note is not None:
            note(f"Your requirements folder {show_path(folder)} cannot be read: {err.strerror}.")
        return []


def find(name: str, home: Path) -> Entry:
    """The requirements of that name, else of the one name alike in case, or BadInput listing
    the bodies there are."""
    found = entries(home)
    # Societies write their names in capitals (BSANZ, ABS, UK): any case finds the one body.
    alike = [entry for entry in found if entry.name == name] or [
        entry for entry in found if entry.name.casefold() == name.casefold()
    ]
    if len(alike) == 1:
        return alike[0]
    if alike:  # uk, shipped, and a file of one's own named UK.toml
        *some, last = [show_path(entry.name) for entry in alike]
        raise BadInput(
            f"'{show_path(name)}' could be {', '.join(some)} or {last}, named alike but for "
            "case; give the name as it is written."
        )
    names = ", ".join(show_path(entry.name) for entry in found)
    raise BadInput(
        f"There is no body named '{show_path(name)}'; the bodies are {names} "
        f"(a file of your own goes in {show_path(home / REQUIREMENTS)})."
    )


def read(entry: Entry, home: Path) -> Requirements:
    """The requirements in an entry's file, checked; BadInput naming the file and the rule."""
    if entry.source == YOURS:
        _not_a_link_out(entry.path, home / REQUIREMENTS)
    raw = read_bytes(entry.path, KIND)
    return parse_requirements(raw, show_path(entry.path))


def parse_requirements(raw: bytes, where: str) -> Requirements:
    """Validate the bytes of a requirements file."""
    data = parse_toml(raw, where, KIND)
    try:
        return Requirements.model_validate(data)
    except ValidationError as err:
        raise explain(err, data, where, KIND, FIELDS, RULE_FIELDS) from None


def _not_a_link_out(path: Path, folder: Path) -> None:
    """A link among the user's files is followed to a file in the same folder, no further."""
    if not path.is_symlink():
        return
    real = Path(os.path.realpath(path))
    if real.parent != Path(os.path.realpath(folder)):
        raise BadInput(
            f"{show_path(path)} is a link out of your requirements folder, which balint does "
            "not follow; copy the file into the folder instead."
        )
