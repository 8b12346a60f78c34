"""Whatever a format file or a log holds, balint answers with a sentence, never a trace."""

from __future__ import annotations

import json
import shutil
import string
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import tomli_w
from helpers import SHORT_FORMAT, balint, write
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from logfixtures import complete, fake_log

from balint_cli.core.format import FORMAT_FIELDS, PHASE_FIELDS, Format
from balint_cli.errors import BadInput
from balint_cli.formats.catalogue import parse_format

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


ESCAPE_IN_LANGUAGE = (
    b'name = "x"\nlanguage = "\\u001b[31mX\\n"\n[[phases]]\nid = "a"\ntitle = "A"\nminutes = 1\n'
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(st.binary(max_size=200), DOCUMENTS.map(lambda d: tomli_w.dumps(d).encode())))
@example(ESCAPE_IN_LANGUAGE)  # a colour code and a line break in what the sentence quotes
@example(b'name = "x"\n[[phases]]\nid = "0\\n0"\n')  # a phase named over two lines
def test_the_command_exits_0_or_2_and_never_prints_a_traceback(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_bytes(raw)
    result = balint("formats", "validate", str(path))
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not any(ch in result.output for ch in "\x1b\x07\x00"), result.output
    for line in result.stderr.splitlines():  # a sentence, or a problem under it: never split
        assert line.startswith(("Error: ", "  ")), result.stderr


# -- the log reader ----------------------------------------------------------------------------

LOG_KEYS = ["t", "seconds", "late", "paused", "planned", "allotted", "actual", "attendees",
            "speed", "target", "index", "group"]  # fmt: skip
NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=1e300, max_value=1.7e308),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.just(10**400),
    st.sampled_from([0, -1, 1e-300, 5e-324, 1e308, -1e308, 2**63, 99, 100]),
)
NESTED = st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n + "]" * n)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=7), st.sampled_from(LOG_KEYS), NUMBERS),
        min_size=1,
        max_size=4,
    ),
    st.one_of(st.none(), NESTED),
)
def test_logs_with_any_numbers_or_nesting_never_stop_a_report(
    home: Path, changes: list[tuple[int, str, object]], nested: str | None
) -> None:
    at = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
    lines = complete(at, attendees=5)
    for where, key, _value in changes:
        lines[where][key] = f"@{where}{key}@"
    text = "".join(json.dumps(line) + "\n" for line in lines)
    for where, key, value in changes:
        text = text.replace(
            f'"@{where}{key}@"', nested if nested and key == "group" else repr(value)
        )
    folder = home / "logs"
    shutil.rmtree(folder, ignore_errors=True)
    fake_log(home, "20261119-1230-good", complete(at - timedelta(days=1)))
    write(folder / "20261120-1230-fuzz.jsonl", text)
    for command in (
        ["log", "list", "--json"],
        ["log", "summary", "--json"],
        ["log", "show", "last", "--json"],
    ):
        result = balint(*command)
        assert result.exit_code == 0, (command, result.output)
        assert "unexpected problem" not in result.stderr
        json.loads(result.stdout, parse_constant=_refuse)
    exported = balint("log", "export", "--csv", "-")
    assert exported.exit_code == 0, exported.output


def _refuse(word: str) -> None:
    raise AssertionError(f"{word} is not strict JSON")
