"""The user's folder ($BALINT_HOME) and every file balint keeps in it, each named once: a
path is the folder joined with one of these names (`home() / LOGS`).

Light on purpose: every command needs the folder, and most need nothing else.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

CONFIG = "config.toml"  # the user's settings
CONFIG_LOCK = ".config.lock"  # beside config.toml: held by the one balint changing it
GROUPS = "groups.toml"  # the user's groups and their defaults
GROUPS_LOCK = ".groups.lock"  # beside groups.toml: held by the one balint changing it
FORMATS = "formats"  # the user's own formats, NAME.toml each
REQUIREMENTS = "requirements"  # the user's own requirements for accreditation, NAME.toml each
LOGS = "logs"  # the session logs, one a session: <its id>.jsonl
LOG_SUFFIX = ".jsonl"
LATEST = "latest.json"  # the newest logs' names while logs/ is unchanged (can be deleted)
INDEX = "index.db"  # the reports' index, made from the logs (it can always be deleted)
OLD_INDEX = "index"  # an earlier balint's index, a folder of tallies: removed when met
VIEW_STATE = "view.json"  # what the group's view shows of the running session
VIEW_LOCK = "view.lock"  # held by the session whose view view.json is


def home() -> Path:
    """The folder that holds everything the user owns: config, groups, formats and logs."""
    chosen = os.environ.get("BALINT_HOME")
    if chosen:
        return Path(chosen).expanduser()
    folder = typer.get_app_dir("balint")
    if not os.path.isabs(folder):
        # An empty or relative XDG_CONFIG_HOME (or APPDATA) names no place, and would move the
        # logs with the working folder: XDG says to ignore it, and so does balint.
        parent = "~" if sys.platform == "win32" else "~/.config"  # as when it is not set
        folder = os.path.join(os.path.expanduser(parent), "balint")
    return Path(folder)
