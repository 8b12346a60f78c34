"""Whatever a format file or a log holds, the commands answer with a sentence, never a trace."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from support.helpers import balint, write
from support.logfixtures import complete, fake_log
from support.strategies import DOCUMENTS

ESCAPE_IN_LANGUAGE = (
    b'name = "x"\nlanguage = "\\u001b[31mX\\n"\n[[phases]]\nid = "a"\ntitle = "A"\nminutes = 1\n'
)


def test_an_escape_and_a_line_break_in_a_language_are_shown_inert(tmp_path: Path) -> None:
    """The case the fuzzing found: formats validate once printed both to the terminal raw."""
    path = write(tmp_path / "fuzz.toml", ESCAPE_IN_LANGUAGE)
    result = balint("formats", "validate", str(path))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == (
        f'Error: {path}: language must be a language code such as "en" or "de", '
        'not "\N{REPLACEMENT CHARACTER}[31mX ".\n'
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
