"""The built-in formats as tests read them, and the words they open with."""

from __future__ import annotations

import tomllib

from balint_cli.core.format import Format
from balint_cli.formats.builtin import builtin_dir


def builtin(name: str) -> Format:
    """A built-in format, read from its file as a person would write one."""
    return Format.model_validate(tomllib.loads((builtin_dir() / f"{name}.toml").read_text("utf-8")))


# What the 90-minute format says first, for one case today and for two.
ONE_CASE_OPENING = "We have time for one case today. Who has a case?"
TWO_CASE_OPENING = "We have time for two cases today. Who has a case? And is there a second?"
