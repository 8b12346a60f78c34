"""Whatever a format file holds, balint answers with a Format that reads back the same once
written out, or one plain sentence naming the file, never a trace: random bytes, damaged
files, random TOML and TOML mistakes. Each property is tried on hypothesis's usual hundred
examples; `--hypothesis-profile=thorough` tries a thousand."""

from __future__ import annotations

import tomllib
import unicodedata
from typing import Any

import pytest
import tomli_w
from hypothesis import example, given, settings
from hypothesis import strategies as st
from support.helpers import SHORT_FORMAT
from support.strategies import DOCUMENTS

from balint_cli.core.format import Format
from balint_cli.errors import BadInput
from balint_cli.formats.catalogue import parse_format
from balint_cli.formats.writing import to_toml
from balint_cli.fs.toml import parse_toml


def _answer(raw: bytes) -> Format | BadInput:
    """What balint makes of a file: a Format or a BadInput, and nothing else raised."""
    try:
        return parse_format(raw, "fuzz.toml")
    except BadInput as err:
        return err


def _is_a_sentence(err: BadInput) -> None:
    """One line naming the file, its problems a line each, no control character raw."""
    assert err.message.startswith("fuzz.toml"), err.message
    for line in [err.message, *err.details]:
        raw = [ch for ch in line if unicodedata.category(ch) == "Cc"]  # \n, \x1b, \x07, \x00 ...
        assert raw == [], line


def _round_trips(fmt: Format) -> None:
    """A valid format written out as `formats new` writes one reads back the same."""
    assert parse_format(to_toml(fmt).encode(), "again.toml") == fmt


def _holds(answer: Format | BadInput) -> None:
    if isinstance(answer, Format):
        _round_trips(answer)
    else:
        _is_a_sentence(answer)


@settings(deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_give_a_format_or_a_sentence(raw: bytes) -> None:
    _holds(_answer(raw))


@settings(deadline=None)
@given(st.binary(max_size=60), st.integers(min_value=0, max_value=len(SHORT_FORMAT)))
def test_damaged_good_files_give_a_format_or_a_sentence(noise: bytes, at: int) -> None:
    raw = SHORT_FORMAT.encode()
    _holds(_answer(raw[:at] + noise + raw[at:]))


def test_the_good_file_itself_round_trips() -> None:
    answer = _answer(SHORT_FORMAT.encode())
    assert isinstance(answer, Format), answer
    _round_trips(answer)


@settings(deadline=None)
@given(DOCUMENTS)
@example({"language": "\x00"})  # once echoed as it was, a NUL in the sentence
@example({"phases": [{"id": "0\n0"}]})  # once named its phase over two lines
@example({"language": "\x1b[31mX\n"})  # a colour code and a line break, quoted
def test_random_toml_gives_a_format_or_a_sentence(doc: dict[str, Any]) -> None:
    try:
        raw = tomli_w.dumps(doc).encode()
    except (TypeError, ValueError):  # a value TOML cannot hold
        return
    _holds(_answer(raw))


# -- the log reader ----------------------------------------------------------------------------


JARGON = ("Invalid value", "Expected", "Illegal character", "statement", "column", "namespace")


PIECES = list("ab=[]{}\"'\n #.,:;-_19\\\t“") + ['"""', "true", "[[x]]", "x = "]


TOMLISH = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(deadline=None)
@given(TOMLISH)
def test_any_toml_mistake_is_one_plain_sentence(text: str) -> None:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        pass
    else:
        return
    with pytest.raises(BadInput) as caught:
        parse_toml(text.encode(), "x.toml")
    said = caught.value.message
    assert "\n" not in said
    assert said.startswith(("x.toml: line ", "x.toml: at the end of the file")), said
    assert not any(word in said for word in JARGON), said
