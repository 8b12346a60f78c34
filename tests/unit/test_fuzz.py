"""Whatever a format file holds, balint answers with a Format or one plain sentence naming the
file, never a trace: random bytes, damaged files, random TOML and TOML mistakes."""

from __future__ import annotations

import string
import tomllib
from typing import Any

import pytest
import tomli_w
from hypothesis import example, given, settings
from hypothesis import strategies as st
from support.helpers import SHORT_FORMAT

from balint_cli.core.format import FORMAT_FIELDS, PHASE_FIELDS, Format
from balint_cli.errors import BadInput
from balint_cli.formats.catalogue import parse_format
from balint_cli.fs.toml import parse_toml

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
SCALARS = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    TEXT,
    st.dates(),
    st.sampled_from([0, 1, 0.5, 7, 480, 481, 2, "7", "", "facts", "Case facts"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(string.ascii_lowercase, min_size=1, max_size=8), inner, max_size=4),
    ),
    max_leaves=12,
)
KEYS = st.one_of(st.sampled_from(FORMAT_FIELDS), st.text(string.printable, min_size=1, max_size=8))
PHASE = st.dictionaries(st.one_of(st.sampled_from(PHASE_FIELDS), KEYS), VALUES, max_size=9)
DOCUMENTS = st.fixed_dictionaries(
    {"phases": st.lists(PHASE, max_size=4)},
    optional={key: VALUES for key in FORMAT_FIELDS if key != "phases"},
).flatmap(lambda doc: st.dictionaries(KEYS, VALUES, max_size=2).map(lambda extra: {**extra, **doc}))


def _answer(raw: bytes) -> Format | BadInput:
    try:
        return parse_format(raw, "fuzz.toml")
    except BadInput as err:
        return err


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_give_a_sentence(raw: bytes) -> None:
    answer = _answer(raw)
    if isinstance(answer, BadInput):
        assert answer.message.startswith("fuzz.toml")
        assert "\x1b" not in answer.message + "".join(answer.details)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=60), st.integers(min_value=0, max_value=len(SHORT_FORMAT)))
def test_damaged_good_files_give_a_sentence(noise: bytes, at: int) -> None:
    raw = SHORT_FORMAT.encode()
    answer = _answer(raw[:at] + noise + raw[at:])
    assert isinstance(answer, Format | BadInput)


@settings(max_examples=400, deadline=None)
@given(DOCUMENTS)
@example({"language": "\x00"})  # once echoed as it was, a NUL in the sentence
@example({"phases": [{"id": "0\n0"}]})  # once named its phase over two lines
def test_random_toml_gives_a_format_or_a_sentence(doc: dict[str, Any]) -> None:
    try:
        raw = tomli_w.dumps(doc).encode()
    except (TypeError, ValueError):  # a value TOML cannot hold
        return
    answer = _answer(raw)
    if isinstance(answer, BadInput):
        lines = [answer.message, *answer.details]
        assert all(line and "\n" not in line for line in lines)
        assert not any(ch in "".join(lines) for ch in "\x1b\x07\x00")


# -- the log reader ----------------------------------------------------------------------------


JARGON = ("Invalid value", "Expected", "Illegal character", "statement", "column", "namespace")


PIECES = list("ab=[]{}\"'\n #.,:;-_19\\\t“") + ['"""', "true", "[[x]]", "x = "]


TOMLISH = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
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
