"""The built-in formats as tests read them, and the words they open with."""

from __future__ import annotations

import tomllib
from pathlib import Path

from balint_cli.core.format import Format
from balint_cli.formats.builtin import builtin_dir
from support.helpers import write


def builtin(name: str) -> Format:
    """A built-in format, read from its file as a person would write one."""
    return Format.model_validate(tomllib.loads((builtin_dir() / f"{name}.toml").read_text("utf-8")))


# What the 90-minute format says first, for one case today and for two.
ONE_CASE_OPENING = "We have time for one case today. Who has a case?"
TWO_CASE_OPENING = "We have time for two cases today. Who has a case? And is there a second?"


ONE_PHASE = '[[phases]]\nid = "a"\ntitle = "A"\nminutes = 5\n'


def format_file(tmp_path: Path, head: str) -> Path:
    """A format of one phase whose head holds these lines."""
    return write(tmp_path / "f.toml", f'name = "x"\n{head}\n{ONE_PHASE}')


def builtin_toml(name: str) -> dict[str, object]:
    """A built-in format's TOML, as read from its file."""
    return tomllib.loads((builtin_dir() / f"{name}.toml").read_text(encoding="utf-8"))
