"""The user's folder: where balint keeps everything it keeps for them (no other imports).

Light on purpose: every command needs the folder, and most need nothing else that the
format and config machinery (pydantic) would bring.
"""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """The folder that holds everything the user owns: config, formats and logs."""
    chosen = os.environ.get("BALINT_HOME")
    if chosen:
        return Path(chosen).expanduser()
    import typer

    return Path(typer.get_app_dir("balint"))


def config_path(folder: Path) -> Path:
    return folder / "config.toml"
