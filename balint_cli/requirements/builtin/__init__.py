"""The requirements shipped with balint, read from the bodies' published pages: their TOML
files are in this folder, and their names here, in the order a listing shows them.

May import: nothing of balint.
"""

from __future__ import annotations

from pathlib import Path

BUILTIN_NAMES = ("uk", "bsanz", "abs", "dbg", "psgv")


def builtin_dir() -> Path:
    """The folder of the shipped requirement files."""
    return Path(__file__).resolve().parent
