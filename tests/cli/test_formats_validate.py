"""`balint formats validate` and every bad format file: one clear sentence naming the file,
the place and the fix, exit status 2."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.helpers import SHORT_FORMAT, balint, no_crash, write
from support.logfixtures import LOG_COMMANDS, complete, fake_log

PHASE = '[[phases]]\nid = "{id}"\ntitle = "Facts"\nminutes = {minutes}\n'


def _format(*phases: str, head: str = 'name = "Test"\n') -> str:
    return head + "".join(phases)


# (what is wrong, file content, the message the user reads)
CASES = [
    (
        "toml syntax",
        'name = "x"\nminutes = = 3\n',
        "bad.toml: line 2: one = is enough, minutes = 3.",
    ),
    (
        "unclosed string",
        'name = "x\n',
        'bad.toml: line 1: a text that opens with " must close on the same line; end it with ", '
        'or use """ for text over several lines.',
    ),
    (
        "wrong type for minutes",
        _format(PHASE.format(id="facts", minutes='"7"')),
        'bad.toml: phase 1 "Facts": minutes must be a number.',
    ),
    (
        "boolean for minutes",
        _format(PHASE.format(id="facts", minutes="true")),
        'bad.toml: phase 1 "Facts": minutes must be a number.',
    ),
    (
        "unknown key in a phase",
        _format(PHASE.format(id="facts", minutes=5) + 'titel = "x"\n'),
        'bad.toml: phase 1 "Facts": titel is not a field balint knows (did you mean title?).',
    ),
    (
        "unknown key at the top",
        _format(PHASE.format(id="facts", minutes=5), head='name = "x"\ndescripton = "y"\n'),
        "bad.toml: descripton is not a field balint knows (did you mean description?).",
    ),
    (
        "zero minutes",
        _format(PHASE.format(id="questions", minutes=0)),
        'bad.toml: phase 1 "Facts": minutes must be greater than 0.',
    ),
    (
        "negative minutes",
        _format(PHASE.format(id="questions", minutes=-5)),
        'bad.toml: phase 1 "Facts": minutes must be greater than 0.',
    ),
    (
        "infinite minutes",
        _format(PHASE.format(id="facts", minutes="inf")),
        'bad.toml: phase 1 "Facts": minutes must be a finite number.',
    ),
    (
        "nan minutes",
        _format(PHASE.format(id="facts", minutes="nan")),
        'bad.toml: phase 1 "Facts": minutes must be a finite number.',
    ),
    (
        "a phase over 8 hours",
        _format(PHASE.format(id="facts", minutes=481)),
        'bad.toml: phase 1 "Facts": minutes must be at most 480.',
    ),
    (
        "a session over 8 hours",
        _format(PHASE.format(id="a", minutes=300), PHASE.format(id="b", minutes=200)),
        "bad.toml: the phases add up to 500 minutes, but a session lasts at most "
        "480 minutes (8 hours).",
    ),
    (
        "case below 1",
        _format(PHASE.format(id="facts", minutes=5) + "case = 0\n"),
        'bad.toml: phase 1 "Facts": case must be at least 1.',
    ),
    (
        "fractional case",
        _format(PHASE.format(id="facts", minutes=5) + "case = 1.5\n"),
        'bad.toml: phase 1 "Facts": case must be a whole number.',
    ),
    (
        "negative warning",
        _format(PHASE.format(id="facts", minutes=5) + "warn_minutes = -1\n"),
        'bad.toml: phase 1 "Facts": warn_minutes must be at least 0.',
    ),
    (
        "flexible not a boolean",
        _format(PHASE.format(id="facts", minutes=5) + 'flexible = "yes"\n'),
        'bad.toml: phase 1 "Facts": flexible must be true or false.',
    ),
    (
        "duplicate ids",
        _format(PHASE.format(id="facts", minutes=5), PHASE.format(id="facts", minutes=5)),
        'bad.toml: phase 2 "Facts": id "facts" is already used by phase 1; '
        "each phase needs an id of its own.",
    ),
    (
        "id with capitals",
        _format(PHASE.format(id="Facts", minutes=5)),
        "bad.toml: phase 1 \"Facts\": id may use only lowercase letters a-z, digits and '-'.",
    ),
    (
        "empty title",
        _format('[[phases]]\nid = "facts"\ntitle = "  "\nminutes = 5\n'),
        'bad.toml: phase 1 "facts": title must not be empty.',
    ),
    (
        "missing title",
        _format('[[phases]]\nid = "facts"\nminutes = 5\n'),
        'bad.toml: phase 1 "facts": title is required.',
    ),
    (
        "missing name",
        PHASE.format(id="facts", minutes=5),
        "bad.toml: name is required.",
    ),
    (
        "no phases",
        'name = "x"\nphases = []\n',
        "bad.toml: phases must have at least one entry.",
    ),
    (
        "phases not a list",
        'name = "x"\nphases = 3\n',
        "bad.toml: phases must be a list.",
    ),
    (
        "totals that do not add up",
        _format(
            PHASE.format(id="a", minutes=20),
            PHASE.format(id="b", minutes=20),
            head='name = "x"\nminutes = 45\n',
        ),
        "bad.toml: minutes is 45 but the phases add up to 40; make them agree, "
        "or leave minutes out.",
    ),
    (
        "a newer version",
        'version = 2\nname = "x"\nsomething_new = true\n',
        "bad.toml: version 2 needs a newer balint (this one reads version 1).",
    ),
    (
        "version zero",
        _format(PHASE.format(id="a", minutes=5), head='version = 0\nname = "x"\n'),
        "bad.toml: version must be 1.",
    ),
    (
        "ground rules not text",
        _format(PHASE.format(id="a", minutes=5), head='name = "x"\nground_rules = [1]\n'),
        "bad.toml: ground_rules[0] must be text in quotes.",
    ),
    (
        "escape code in a title",
        _format('[[phases]]\nid = "a"\ntitle = "\\u001b[31mred"\nminutes = 5\n'),
        'bad.toml: phase 1 "a": title must not contain control characters (found U+001B).',
    ),
    (
        "arrays nested beyond reason",
        "x = " + "[" * 5000 + "]" * 5000 + "\n",
        "bad.toml nests arrays or tables too deeply to be a format file.",
    ),
    (
        "a bell in the name",
        _format(PHASE.format(id="a", minutes=5), head='name = "ding\\u0007"\n'),
        "bad.toml: name must not contain control characters (found U+0007).",
    ),
]


@pytest.mark.parametrize(("content", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_bad_format_file_gets_one_clear_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "bad.toml", content)
    result = balint("formats", "validate", "bad.toml")
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {message}\n"
    assert "Traceback" not in result.output


def test_several_problems_are_listed_one_per_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    content = _format(
        PHASE.format(id="facts", minutes=0),
        PHASE.format(id="questions", minutes="inf") + "colour = 1\n",
    )
    write(tmp_path / "bad.toml", content)
    result = balint("formats", "validate", "bad.toml")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: bad.toml is not a valid format file:",
        '  phase 1 "Facts": minutes must be greater than 0',
        '  phase 2 "Facts": minutes must be a finite number',
        '  phase 2 "Facts": colour is not a field balint knows',
    ]


FILE_CASES = [
    ("missing file", None, "nowhere.toml: no such file."),
    ("non-UTF-8", b'name = "caf\xe9"\n', "is not UTF-8 text (byte 0xe9 at offset 11)"),
    ("binary", b"\x00\x01\x02PK\x03\x04", "holds binary data, not the TOML text of a format file."),
]


@pytest.mark.parametrize(
    ("content", "message"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES]
)
def test_a_file_that_cannot_be_read_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | None, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "nowhere.toml" if content is None else "bad.toml"
    if content is not None:
        write(tmp_path / name, content)
    result = balint("formats", "validate", name)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert message in result.stderr
    assert name in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_folder_is_not_a_format(tmp_path: Path) -> None:
    result = balint("formats", "validate", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path} is a folder, not a format file.\n"


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.toml", SHORT_FORMAT)
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("running as a user who can read any file (root)")
    result = balint("formats", "validate", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path} cannot be read: permission denied.\n"


def test_good_files_say_ok_and_bad_ones_fail_the_run(tmp_path: Path) -> None:
    good = write(tmp_path / "good.toml", SHORT_FORMAT)
    bad = write(tmp_path / "bad.toml", 'name = "x"\n')
    result = balint("formats", "validate", str(good), str(bad))
    assert result.exit_code == 2
    assert result.stdout == f"ok  {good}  (3 phases, 6 minutes)\n"
    assert result.stderr == f"Error: {bad}: phases is required.\n"


def test_one_phase_of_one_minute_is_said_in_the_singular(tmp_path: Path) -> None:
    path = write(tmp_path / "one.toml", _format(PHASE.format(id="only", minutes=1)))
    result = balint("formats", "validate", str(path))
    assert result.stdout == f"ok  {path}  (1 phase, 1 minute)\n"
    shown = balint("formats", "show", str(path))
    assert "1 minute · 1 phase" in shown.stdout


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.toml", b"\xef\xbb\xbf" + SHORT_FORMAT.encode())
    result = balint("formats", "validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok  ")


def test_an_unknown_format_name_lists_the_known_ones() -> None:
    result = balint("plan", "50min")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: There is no format named '50min'; the formats are 45min, 60min, 90min, "
        "de-45min, de-90min, or give the path of a .toml file.\n"
    )


@pytest.mark.parametrize("value", ["25:00", "7pm", "12:5", "", "12:60", "noon"])
@pytest.mark.parametrize("option", ["--start", "--end-at"])
def test_a_malformed_clock_time_is_refused(option: str, value: str) -> None:
    result = balint("plan", option, value)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {option}: '{value}' is not a clock time; use HH:MM, like 13:15.\n"
    )


def test_escape_codes_in_a_message_never_reach_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    content = _format(PHASE.format(id="a", minutes=5), head='name = "x"\n"\\u001b[2J" = 1\n')
    write(tmp_path / "bad.toml", content)
    result = balint("formats", "validate", "bad.toml")
    assert result.exit_code == 2
    assert "\x1b" not in result.output
    assert "is not a field balint knows" in result.stderr


def test_validate_takes_a_formats_name_as_every_command_does(home: Path) -> None:
    result = balint("formats", "validate", "90min", "45min")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "ok  90min  (12 phases, 90 minutes)",
        "ok  45min  (7 phases, 45 minutes)",
    ]


AT = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)


BAD_BYTES = {
    "binary": b"\x00\x01\x02\xff",
    "not utf-8": b'name = "caf\xe9"\n',
    "nested arrays": b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "nested tables": b"x = " + b"{a = " * 3000 + b"1" + b"}" * 3000 + b"\n",
    "huge integer": b"minutes = " + b"9" * 5000 + b"\n",
    "huge float": b"minutes = 1e999\n",
    "json": json.dumps(complete(AT)).encode(),
    "empty": b"",
    "a nul": b'name = "a\\u0000"\n',
}


@pytest.mark.usefixtures("no_hang")
@pytest.mark.parametrize("bad", BAD_BYTES, ids=list(BAD_BYTES))
def test_no_bad_file_gets_unexpected_problem(home: Path, tmp_path: Path, bad: str) -> None:
    raw = BAD_BYTES[bad]
    fmt = tmp_path / "bad.toml"
    fmt.write_bytes(raw)
    for command in (["plan"], ["formats", "validate"], ["handout"], ["formats", "show"]):
        result = balint(*command, str(fmt))
        no_crash(result)
        assert result.exit_code in (0, 2), (command, result.output)
    write(home / "config.toml", raw)
    for command in (["config", "show"], ["plan"], ["run", "--speed", "100000"]):
        result = balint(*command)
        no_crash(result)
        assert result.exit_code in (0, 2), (command, result.output)
    (home / "config.toml").unlink()
    write(home / "logs" / "20261121-1230-oops.jsonl", raw)
    fake_log(home, "20261120-1230-good", complete(AT))
    for command in LOG_COMMANDS:
        result = balint(*command)
        no_crash(result)
        assert result.exit_code == 0, (command, result.output)
    resumed = balint("run", "--resume")
    no_crash(resumed)
    assert resumed.exit_code == 1


def test_a_toml_mistake_in_a_format_names_the_file_and_the_line(tmp_path: Path) -> None:
    broken = SHORT_FORMAT.replace("minutes = 2\n", "minutes = 2 min\n")
    path = write(tmp_path / "weekly.toml", broken)
    result = balint("formats", "validate", str(path))
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {path}: line 10: write the number alone, minutes = 2.\n"
