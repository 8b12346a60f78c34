"""Finding formats by name or path, and loading them: the user's own in their formats folder
first, then the built-in ones; any .toml file by its path."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from balint_cli.core.format import (
    FORMAT_FIELDS,
    FORMAT_VERSION,
    PHASE_FIELDS,
    Format,
    version_error,
)
from balint_cli.errors import BadInput
from balint_cli.formats.builtin import BUILTIN_NAMES, builtin_dir
from balint_cli.fs.files import show_path
from balint_cli.fs.paths import FORMATS
from balint_cli.fs.toml import explain, parse_toml, read_bytes


@dataclass(frozen=True)
class Loaded:
    """A format together with where it came from."""

    format: Format
    name: str  # what the user types to get it
    path: Path
    source: str  # "built-in", "yours" or "file"
    digest: str  # sha256 of the file's bytes, to tell later whether it changed


def parse_format(raw: bytes, where: str) -> Format:
    """Validate the bytes of a format file; BadInput names the file, the phase and the field."""
    data = parse_toml(raw, where)
    version = data.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        # A newer file may use fields this balint does not know; say the one thing that matters.
        raise BadInput(f"{where}: {version_error(version).message()}.")
    try:
        return Format.model_validate(data)
    except ValidationError as err:
        raise explain(err, data, where, "format file", FORMAT_FIELDS, PHASE_FIELDS) from None


def load_path(path: Path, name: str | None = None, source: str = "file") -> Loaded:
    """Load and validate the format file at path."""
    raw = read_bytes(path)
    fmt = parse_format(raw, show_path(path))
    digest = "sha256:" + hashlib.sha256(raw).hexdigest()
    return Loaded(fmt, name or path.stem, path, source, digest)


@dataclass(frozen=True)
class Entry:
    """A format balint can find by name."""

    name: str
    path: Path
    source: str
    shadowed: bool = False  # a built-in hidden by the user's file of the same name
    overrides: bool = False  # the user's file that hides a built-in


def catalogue(home: Path, note: Callable[[str], None] | None = None) -> list[Entry]:
    """The built-in formats and the user's own, in the order `formats list` shows them.

    A formats folder that cannot be read (made by `sudo balint`, say) hides only the
    user's formats, with a note; the built-ins are always there.
    """
    mine = _my_files(home, note)
    my_names = {path.stem for path in mine}
    entries = [
        Entry(name, builtin_dir() / f"{name}.toml", "built-in", shadowed=name in my_names)
        for name in BUILTIN_NAMES
    ]
    entries += [
        Entry(path.stem, path, "yours", overrides=path.stem in BUILTIN_NAMES) for path in mine
    ]
    return entries


def replaces_builtin(path: Path, home: Path) -> bool:
    """Whether the file at path is one of the user's formats named as a built-in, which it
    replaces wherever that name is given."""
    if path.suffix != ".toml" or path.stem not in BUILTIN_NAMES:
        return False
    try:
        return os.path.samefile(path.parent, home / FORMATS)
    except OSError:
        return False


def _my_files(home: Path, note: Callable[[str], None] | None) -> list[Path]:
    folder = home / FORMATS
    try:
        with os.scandir(folder) as entries:
            return sorted(folder / e.name for e in entries if e.name.endswith(".toml"))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as err:
        if note is not None:
            note(f"Your formats folder {show_path(folder)} cannot be read: {err.strerror or err}.")
        return []


def resolve(ref: str, home: Path) -> Loaded:
    """Load a format by name (the user's own first, then built-in) or by path."""
    if "\x00" in ref:
        raise BadInput("A format name cannot hold a NUL character.")
    if looks_like_path(ref):
        return load_path(Path(ref).expanduser())
    mine = home / FORMATS / f"{ref}.toml"
    if ref and os.path.lexists(mine):
        # The name means what `formats list` shows under it, a built-in's too: a folder or
        # an unreadable file there is refused saying why, never passed over for the built-in.
        return load_path(mine, ref, "yours")
    if ref in BUILTIN_NAMES:
        return load_path(builtin_dir() / f"{ref}.toml", ref, "built-in")
    if _is_file(Path(ref)):
        return load_path(Path(ref))
    names = ", ".join(entry.name for entry in catalogue(home) if not entry.shadowed)
    raise BadInput(
        f"There is no format named '{show_path(ref)}'; the formats are {names}, "
        "or give the path of a .toml file."
    )


def _is_file(path: Path) -> bool:
    """Whether path is a file balint could read; False where it cannot even look."""
    try:
        return path.is_file()
    except OSError:
        return False


def looks_like_path(ref: str) -> bool:
    """Whether a format is given by its path rather than by its name."""
    return ref.endswith(".toml") or "/" in ref or os.sep in ref or ref.startswith("~")
