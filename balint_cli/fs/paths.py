"""The user's folder ($BALINT_HOME) and every file balint keeps in it, each named once.

Light on purpose: every command needs the folder, and most need nothing else.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

LOG_SUFFIX = ".jsonl"  # a session log: logs/<its id>.jsonl


def home() -> Path:
    """The folder that holds everything the user owns: config, groups, formats and logs."""
    chosen = os.environ.get("BALINT_HOME")
    if chosen:
        return Path(chosen).expanduser()
    return Path(typer.get_app_dir("balint"))


def config_path(folder: Path) -> Path:
    """The user's settings."""
    return folder / "config.toml"


def groups_path(folder: Path) -> Path:
    """The user's groups and their defaults."""
    return folder / "groups.toml"


def groups_lock(folder: Path) -> Path:
    """Beside groups.toml: held by the one balint changing it."""
    return folder / ".groups.lock"


def formats_dir(folder: Path) -> Path:
    """The user's own formats, NAME.toml each."""
    return folder / "formats"


def requirements_dir(folder: Path) -> Path:
    """The user's own requirements for accreditation, NAME.toml each."""
    return folder / "requirements"


def log_dir(folder: Path) -> Path:
    """The session logs, one a session."""
    return folder / "logs"


def index_path(folder: Path) -> Path:
    """The reports' index, made from the logs (it can always be deleted)."""
    return folder / "index.db"


def old_index_dir(folder: Path) -> Path:
    """An earlier balint's index: a folder of tallies and kept sums, removed when met."""
    return folder / "index"


def view_state(folder: Path) -> Path:
    """What the group's view shows of the running session."""
    return folder / "view.json"


def view_lock(folder: Path) -> Path:
    """Held by the session whose view view.json is."""
    return folder / "view.lock"
