"""A hostile or careless user: nothing hangs, nothing crashes, nothing is lost or followed.

Each part below is one class of trouble, tried the way it was met.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from support.helpers import SHORT_FORMAT, balint, write
from support.logfixtures import complete, fake_log, log_files, log_lines, phase, start_line

from balint_cli.core.events import Event
from balint_cli.errors import BalintError
from balint_cli.live.resume import resume
from balint_cli.logbook import writing
from balint_cli.logbook.lines import to_event
from balint_cli.terminal.keys import Keys
from balint_cli.terminal.posix import PosixTerminal

AT = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
LOG_COMMANDS = (
    ["log", "list"],
    ["log", "list", "--json"],
    ["log", "show", "last"],
    ["log", "summary"],
    ["log", "summary", "--json"],
    ["log", "export", "--csv", "-"],
)


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A test that waits on a FIFO or a device fails after 20 seconds instead of hanging."""

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise TimeoutError("balint hung")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _no_crash(result: Any) -> None:
    """Whatever happened was said in a sentence, not as a crash."""
    assert "unexpected problem" not in result.output, result.output
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def _strict(text: str) -> Any:
    def refuse(word: str) -> None:
        raise AssertionError(f"{word} is not JSON")

    return json.loads(text, parse_constant=refuse)


# -- 1. logs that crash every command --------------------------------------------------------


def _numbers(lines: list[dict[str, Any]], where: int, key: str, value: object) -> str:
    """The log's lines as text, with one value set to something JSON holds but reports cannot."""
    lines[where][key] = "@@"
    return "".join(json.dumps(line) + "\n" for line in lines).replace('"@@"', str(value))


DAMAGED_LOGS: dict[str, Callable[[], str]] = {
    "an array nested 1,000 deep": lambda: "[" * 1000 + "]" * 1000 + "\n",
    "a start line nested 1,000 deep": lambda: _numbers(
        complete(AT), 0, "group", "[" * 1000 + "]" * 1000
    ),
    "seconds of 1e308": lambda: _numbers(complete(AT), -1, "seconds", "1e308"),
    "an attendance of 10**400": lambda: _numbers(complete(AT), 0, "attendees", 10**400),
    "a start in the year 9999": lambda: _numbers(
        complete(AT), 0, "at", '"9999-12-31T23:58:00+00:00"'
    ),
    "a tiny speed": lambda: _numbers(complete(AT), 0, "speed", "1e-300"),
    "a pause of 1e308": lambda: _numbers(
        [*complete(AT)[:2], {"event": "resume", "t": 5, "at": AT.isoformat()}], 2, "paused", 1e308
    ),
}


@pytest.mark.parametrize("damage", DAMAGED_LOGS, ids=list(DAMAGED_LOGS))
def test_a_log_with_numbers_or_nesting_no_report_can_use_is_skipped(
    home: Path, damage: str
) -> None:
    fake_log(home, "20261120-1230-good", complete(AT, attendees=5))
    write(home / "logs" / "20261121-1230-oops.jsonl", DAMAGED_LOGS[damage]())
    # A second one, so that sums over two huge numbers are tried too.
    write(home / "logs" / "20261122-1230-oops.jsonl", DAMAGED_LOGS[damage]())
    for command in LOG_COMMANDS:
        result = balint(*command)
        _no_crash(result)
        assert result.exit_code == 0, (command, result.output)
        assert "Note: Skipped 20261122-1230-oops.jsonl" in result.stderr, (command, result.stderr)
        if "--json" in command:
            _strict(result.stdout)
    listed = _strict(balint("log", "list", "--json").stdout)
    assert [s["id"] for s in listed] == ["20261120-1230-good"]


@pytest.mark.parametrize("damage", DAMAGED_LOGS, ids=list(DAMAGED_LOGS))
def test_resume_from_such_a_log_says_it_is_too_damaged(home: Path, damage: str) -> None:
    path = write(home / "logs" / "20261121-1230-oops.jsonl", DAMAGED_LOGS[damage]())
    before = path.read_bytes()
    result = balint("run", "--resume")
    _no_crash(result)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: The log of the last session (20261121-1230-oops) is too damaged to resume from.\n"
    )
    assert path.read_bytes() == before, "left as it was"


# -- 2. encoding an event never stops the timer ----------------------------------------------


def _writer(folder: Path, warnings: list[str]) -> writing.LogWriter:
    return writing.LogWriter.create(
        folder,
        AT,
        lambda log_id: Event("session_start", 0.0, {"id": log_id, "at": AT.isoformat()}),
        warnings.append,
    )


def test_an_event_that_json_cannot_hold_is_logged_in_a_form_it_can(tmp_path: Path) -> None:
    warnings: list[str] = []
    writer = _writer(tmp_path / "logs", warnings)
    writer.record(Event("extend", 5.0, {"allotted": float("inf"), "name": "caf\udce9 \ud800"}))
    writer.record(Event("pause", 6.0, {"phase": "facts"}))
    writer.close()
    assert warnings == [] and not writer.failed
    last_two = log_lines(writer.path)[-2:]
    assert last_two[0]["allotted"] is None
    assert last_two[0]["name"] == "caf\ufffd \ufffd"
    assert last_two[1]["event"] == "pause", "the log goes on after it"


def test_a_format_file_whose_name_is_not_utf8_is_run_and_logged(home: Path, tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.toml"
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write(SHORT_FORMAT)
    result = balint("run", os.fsdecode(raw), "--speed", "100000")
    _no_crash(result)
    assert result.exit_code == 0, result.output
    (log,) = log_files(home)
    lines = log_lines(log)
    assert lines[0]["format"] == "caf\ufffd.toml"
    assert lines[-1]["event"] == "session_end" and lines[-1]["how"] == "completed"
    assert balint("log", "list").stderr == "", "no note about an empty or damaged file"


# -- 3. links and special files --------------------------------------------------------------


def test_a_logs_folder_that_is_a_link_is_not_written_through(home: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    home.mkdir()
    (home / "logs").symlink_to(shared)
    result = balint("run", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert "The session log cannot be written" in result.stderr
    assert "is a link, which balint does not follow" in result.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777, "its mode untouched"
    assert list(shared.iterdir()) == [], "nothing written there"


def test_a_link_planted_at_the_next_log_path_is_never_followed(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = iter(["aaaa", "bbbb", "cccc"])
    monkeypatch.setattr("balint_cli.logbook.writing.secrets.token_hex", lambda _n: next(tokens))
    now = datetime.now().astimezone()
    target = write(tmp_path / "someone-elses.txt", "theirs\n")
    target.chmod(0o644)
    (home / "logs").mkdir(parents=True)
    for minute in (now, now + timedelta(minutes=1)):  # whichever minute the session starts in
        link = home / "logs" / f"{minute:%Y%m%d-%H%M}-aaaa.jsonl"
        link.symlink_to(target)
    result = balint("run", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert target.read_text() == "theirs\n" and stat.S_IMODE(target.stat().st_mode) == 0o644
    made = [p for p in log_files(home) if not p.is_symlink()]
    assert len(made) == 1 and made[0].name.endswith("-bbbb.jsonl"), "a new id instead"
    assert log_lines(made[0])[-1]["how"] == "completed"


def _fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["plan"],
        ["formats", "show"],
        ["formats", "validate"],
        ["handout"],
        ["run", "--speed", "100000"],
    ],
)
def test_a_fifo_named_as_a_format_is_refused_at_once(tmp_path: Path, command: list[str]) -> None:
    fifo = _fifo(tmp_path / "group.toml")
    result = balint(*command, str(fifo))
    _no_crash(result)
    assert result.exit_code == 2
    assert f"Error: {fifo} is a pipe, not a format file." in result.stderr


def test_special_files_among_your_formats_are_listed_as_not_valid(home: Path) -> None:
    _fifo(home / "formats" / "pipe.toml")
    (home / "formats" / "zero.toml").symlink_to("/dev/zero")
    result = balint("formats", "list")
    assert result.exit_code == 0, result.output
    assert "not valid:" in result.stdout and "is a pipe" in result.stdout
    assert "is a device" in result.stdout
    assert balint("plan", "45min").exit_code == 0, "the built-ins are still there"


def test_a_fifo_nobody_reads_is_refused_as_output(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "out.md")
    result = balint("handout", "45min", "-o", str(fifo))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {fifo} cannot be written: nothing is reading from it.\n"


def test_a_fifo_as_config_toml_is_refused(home: Path) -> None:
    fifo = _fifo(home / "config.toml")
    result = balint("plan")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {fifo} is a pipe, not a config file.\n"


def test_special_and_huge_files_in_logs_are_skipped_with_a_note(home: Path) -> None:
    fake_log(home, "20261120-1230-good", complete(AT))
    _fifo(home / "logs" / "20261121-1230-fifo.jsonl")
    (home / "logs" / "20261122-1230-zero.jsonl").symlink_to("/dev/zero")
    (home / "logs" / "20261123-1230-dir.jsonl").mkdir()
    with open(home / "logs" / "20261124-1230-huge.jsonl", "wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB that take no room
    for command in LOG_COMMANDS:
        result = balint(*command)
        _no_crash(result)
        assert result.exit_code == 0, (command, result.output)
    notes = balint("log", "list").stderr
    assert "Skipped 20261121-1230-fifo.jsonl: it is a pipe, not a session log." in notes
    assert "Skipped 20261122-1230-zero.jsonl: it is a device, not a session log." in notes
    assert "Skipped 20261123-1230-dir.jsonl: it is a folder, not a session log." in notes
    assert "Skipped 20261124-1230-huge.jsonl: it is over 4 MB" in notes


# -- 4. one session, one writer --------------------------------------------------------------


def test_resume_refuses_a_session_still_running_elsewhere(home: Path) -> None:
    lines = [start_line(AT, auto=False), phase("phase_start", 0, 0, AT, by="start")]
    # A session that runs: its writer holds the lock on its log.
    running = writing.LogWriter.create(
        home / "logs", AT, lambda _id: to_event(lines[0]), pytest.fail
    )
    running.record_all([to_event(line) for line in lines[1:]])
    before = running.path.read_bytes()
    with pytest.raises(BalintError, match="still running in another terminal"):
        resume(home, datetime.now(UTC))
    result = balint("run", "--resume")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: The last session ({running.path.stem}) is still running in another terminal; "
        "carry it on there, or end it there first.\n"
    )
    assert running.path.read_bytes() == before, "nothing appended by a second writer"
    running.close()
    prepared, again = resume(home, datetime.now(UTC))  # free once it has stopped
    again.close()
    assert prepared.session.index == 0


# -- 5. crash windows ------------------------------------------------------------------------


def _killed_between_the_two_lines_of_a_move(home: Path) -> Path:
    now = datetime.now(UTC)
    at = now - timedelta(seconds=130)
    lines = [
        start_line(at, speed=100000, auto=False),
        phase("phase_start", 0, 0, at, by="start"),
        phase("phase_end", 100, 0, at, actual=100.0, by="next"),
    ]
    return fake_log(home, "20261123-1200-move", lines)


def test_a_move_cut_in_two_by_a_kill_is_resumed_as_made(home: Path) -> None:
    _killed_between_the_two_lines_of_a_move(home)
    prepared, writer = resume(home, datetime.now(UTC))
    writer.close()
    assert prepared.session.index == 1, "in the phase the leader moved to"
    first, again = prepared.first
    assert (first.kind, first.data["index"], first.t) == ("phase_start", 1, 100.0)
    assert again.kind == "session_resume"


def test_the_move_is_completed_in_the_log(home: Path) -> None:
    log = _killed_between_the_two_lines_of_a_move(home)
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    lines = log_lines(log)
    assert [line["event"] for line in lines[2:5]] == ["phase_end", "phase_start", "session_resume"]
    shown = json.loads(balint("log", "show", "last", "--json", "--include-practice").stdout)
    assert [p["visits"] for p in shown["phases"]] == [1, 1, 1]


def test_a_move_is_written_in_one_piece(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes: list[bytes] = []
    real_write = os.write

    def counting(fd: int, data: bytes) -> int:
        writes.append(bytes(data))
        return real_write(fd, data)

    writer = _writer(home / "logs", [])
    monkeypatch.setattr("balint_cli.logbook.writing.os.write", counting)
    end = Event("phase_end", 5.0, {"index": 0, "by": "next"})
    start = Event("phase_start", 5.0, {"index": 1, "by": "next"})
    writer.record_all([end, start])
    writer.close()
    assert len(writes) == 1 and writes[0].count(b"\n") == 2


def test_after_a_torn_line_the_next_event_starts_a_line_of_its_own(home: Path) -> None:
    now = datetime.now(UTC)
    at = now - timedelta(seconds=30)
    lines = [start_line(at, speed=100000, auto=False), phase("phase_start", 0, 0, at, by="start")]
    log = fake_log(home, "20261123-1200-torn", lines, torn='{"event": "pause", "t": 2')
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    text = log.read_text()
    assert '{"event": "pause", "t": 2\n' in text, "the fragment kept, and ended"
    after = text.split('"t": 2\n', 1)[1]
    assert all(json.loads(line) for line in after.splitlines()), "every later line whole"
    listed = balint("log", "list", "--json", "--include-practice")
    assert listed.stderr == "", "the mended tear is not reported as damage"
    assert json.loads(listed.stdout)[0]["status"] == "completed"


def test_a_running_session_marks_its_log_as_alive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = _writer(tmp_path / "logs", [])
    os.utime(writer.path, (1_000_000_000, 1_000_000_000))
    writer.pulse()
    assert writer.path.stat().st_mtime == 1_000_000_000, "not more than every half minute"
    monkeypatch.setattr(writing, "PULSE_SECONDS", 0.0)
    writer.pulse()
    writer.close()
    assert writer.path.stat().st_mtime > 1_000_000_000


# -- 6. names that are not UTF-8 -------------------------------------------------------------


def test_a_group_label_that_is_not_utf8_is_refused(home: Path) -> None:
    result = balint("run", "--group", "Tuesday \udce9", "--speed", "100000")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --group must be text in UTF-8; this label holds bytes that are not.\n"
    )
    assert not (home / "logs").exists(), "no log, not even an empty one"


def test_a_log_whose_own_name_is_not_utf8_is_skipped(home: Path) -> None:
    fake_log(home, "20261120-1230-good", complete(AT))
    body = "".join(json.dumps(line) + "\n" for line in complete(AT + timedelta(days=1)))
    with open(os.fsencode(home / "logs") + b"/caf\xe9.jsonl", "w", encoding="utf-8") as handle:
        handle.write(body)
    for command in LOG_COMMANDS:
        result = balint(*command)
        _no_crash(result)
        assert result.exit_code == 0, (command, result.output)
    exported = balint("log", "export", "--csv", "-")
    assert "Skipped caf\ufffd.jsonl: it has a name that is not UTF-8 text" in exported.stderr


# -- 7. text reaching the terminal or a spreadsheet ------------------------------------------


@pytest.mark.parametrize("name", ["[blink]x", "[link=https:example.invalid]click", "[bold red]b"])
def test_a_log_file_name_is_shown_as_it_is(home: Path, name: str) -> None:
    fake_log(home, name, complete(AT))
    result = balint("log", "list")
    assert result.exit_code == 0, result.output
    assert name in result.stdout.replace("\n", ""), result.stdout


def test_a_log_file_name_never_runs_as_a_formula(home: Path) -> None:
    fake_log(home, "=HYPERLINK(1)", complete(AT))
    rows = balint("log", "export", "--csv", "-").stdout.splitlines()
    assert rows[1].startswith("'=HYPERLINK(1),")


def test_handouts_stay_well_formed_whatever_the_text(tmp_path: Path) -> None:
    tricky = SHORT_FORMAT.replace("Case facts", "Fälle 👩‍⚕️ <b>&amp; שלום ]]>")
    path = write(tmp_path / "tricky.toml", tricky)
    result = balint("handout", str(path), "--format", "svg")
    assert result.exit_code == 0, result.output
    ET.fromstring(result.stdout.encode())  # parses: well-formed XML
    for bad in ("\ufffe", "\uffff", "\ufdd0"):
        refused = balint("formats", "validate", str(write(path, tricky.replace("Fälle", bad))))
        assert refused.exit_code == 2
        assert f"U+{ord(bad):04X}" in refused.stderr


# -- 8. the terminal -------------------------------------------------------------------------


@pytest.mark.parametrize("text", [b"Nina", b"qy", b"nn", b"+-"])
def test_a_paste_of_a_few_characters_is_not_taken_as_keys(text: bytes) -> None:
    assert Keys().feed(text) == []


def test_an_arrow_key_cut_in_two_by_a_read_is_not_b() -> None:
    read_end, keyboard = os.pipe()
    term = PosixTerminal(read_end, sys.stderr)
    os.write(keyboard, b"\x1b")
    later = threading.Timer(0.01, lambda: os.write(keyboard, b"[B"))
    later.start()
    assert term.read(1.0) == ["down"], "the down arrow, and never b"
    later.join()
    os.write(keyboard, b"\x1b")
    assert term.read(1.0) == ["escape"], "a lone ESC is the Escape key"
    os.write(keyboard, b"b")
    assert term.read(1.0) == ["b"]
    term.__exit__(None, None, None)
    os.close(keyboard)
    os.close(read_end)


def test_a_closed_output_ends_quietly() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "balint_cli", "plan"],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),  # noqa: PLW1509
        timeout=30,
        check=False,
    )
    assert result.returncode == 1
    assert b"unexpected problem" not in result.stderr


def test_a_pipe_closed_early_ends_quietly() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "balint_cli", "handout", "90min", "--format", "html"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    status = child.wait(timeout=30)
    said = child.stderr.read()
    child.stderr.close()
    assert status == 1
    assert said == b""


# -- 9. crashes that should be sentences ----------------------------------------------------

QUARTERS = """\
name = "Quarters"
[[phases]]
id = "a"
title = "A"
minutes = 0.25
[[phases]]
id = "b"
title = "B"
minutes = 0.25
"""


def test_formats_new_explains_lengths_it_cannot_make(tmp_path: Path) -> None:
    source = write(tmp_path / "q.toml", QUARTERS)
    result = balint("formats", "new", "x", "--from", str(source), "--minutes", "0.5")
    _no_crash(result)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --minutes 0.5 is too short for this format: its 2 phases need at least 1 minute.\n"
    )


def test_formats_new_copes_with_a_description_near_its_limit(tmp_path: Path) -> None:
    long = SHORT_FORMAT.replace("Three phases for tests.", "x" * 4990)
    source = write(tmp_path / "long.toml", long)
    result = balint("formats", "new", "x", "--from", str(source), "--minutes", "8")
    _no_crash(result)
    assert result.exit_code == 0, result.output


def test_a_nul_in_default_format_is_named(home: Path) -> None:
    write(home / "config.toml", 'default_format = "a\\u0000b"\n')
    result = balint("plan")
    _no_crash(result)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {home / 'config.toml'}: default_format must not contain control characters "
        "(found U+0000).\n"
    )


def test_a_full_disk_is_a_failure_not_bad_input() -> None:
    result = balint("handout", "45min", "-o", "/dev/full")
    assert result.exit_code == 1
    assert result.stderr == "Error: /dev/full cannot be written: No space left on device.\n"


def _refusing(real: Any, locked: list[Path]) -> Any:
    def refuse(path: Any = ".") -> Any:
        if Path(path) in locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    return refuse


@pytest.fixture
def locked_out(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A balint home whose formats/ and logs/ folders its user cannot read (after `sudo`).

    Root reads any folder, so as root the folders refuse through the one call that lists them.
    """
    write(home / "formats" / "mine.toml", SHORT_FORMAT)
    fake_log(home, "20261120-1230-good", complete(AT))
    locked = [home / "formats", home / "logs"]
    if os.getuid() == 0:
        for name in ("scandir", "listdir"):
            monkeypatch.setattr(os, name, _refusing(getattr(os, name), locked))
    for folder in locked:
        folder.chmod(0o000)
    try:
        yield home
    finally:
        for folder in locked:
            folder.chmod(0o700)


def test_an_unreadable_formats_folder_leaves_the_builtins_working(locked_out: Path) -> None:
    listed = balint("formats", "list")
    assert listed.exit_code == 0, listed.output
    assert "45min" in listed.stdout
    assert listed.stderr == (
        f"Note: Your formats folder {locked_out / 'formats'} cannot be read: Permission denied.\n"
    )
    planned = balint("plan", "45min")
    _no_crash(planned)
    assert planned.exit_code == 0, planned.output


def test_an_unreadable_logs_folder_is_one_sentence(locked_out: Path) -> None:
    for command in LOG_COMMANDS:
        result = balint(*command)
        _no_crash(result)
        assert result.exit_code == 1
        assert result.stderr == (
            f"Error: The logs folder {locked_out / 'logs'} cannot be read: Permission denied.\n"
        )


# -- 10. permissions follow the user's intent ------------------------------------------------


@contextlib.contextmanager
def _umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def test_the_users_folder_is_private_whatever_the_umask(home: Path) -> None:
    with _umask(0o000):
        assert balint("run", "--speed", "100000").exit_code == 0
        assert balint("formats", "new", "mine").exit_code == 0
    for folder in (home, home / "logs", home / "formats"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_handout_follows_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    target = tmp_path / "handout.md"
    with _umask(mask):
        assert balint("handout", "45min", "-o", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_force_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = write(tmp_path / "handout.md", "mine\n")
    target.chmod(0o600)
    with _umask(0o022):
        assert balint("handout", "45min", "-o", str(target), "--force").exit_code == 0
        assert balint("formats", "new", "x", "-o", str(target), "--force").exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# -- 11. privacy ----------------------------------------------------------------------------


def test_a_relative_format_path_is_logged_by_its_file_name_only(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "home" / "alice" / "private" / "group.toml", SHORT_FORMAT)
    monkeypatch.chdir(tmp_path)
    result = balint("run", "home/alice/private/group.toml", "--speed", "100000")
    assert result.exit_code == 0, result.output
    (log,) = log_files(home)
    assert "alice" not in log.read_text() and "private" not in log.read_text()
    assert log_lines(log)[0]["format"] == "group.toml"


@pytest.mark.parametrize("speed", ["1e-300", "0.01", "-1", "1e9"])
def test_a_speed_that_would_stop_or_race_the_clock_is_refused(speed: str) -> None:
    result = balint("run", "--speed", speed)
    assert result.exit_code == 2
    assert result.stderr == "Error: --speed must be from 0.1 to 100000 times real time.\n"


# -- no input makes balint say "unexpected problem" ------------------------------------------

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


@pytest.mark.parametrize("bad", BAD_BYTES, ids=list(BAD_BYTES))
def test_no_bad_file_gets_unexpected_problem(home: Path, tmp_path: Path, bad: str) -> None:
    raw = BAD_BYTES[bad]
    fmt = tmp_path / "bad.toml"
    fmt.write_bytes(raw)
    for command in (["plan"], ["formats", "validate"], ["handout"], ["formats", "show"]):
        result = balint(*command, str(fmt))
        _no_crash(result)
        assert result.exit_code in (0, 2), (command, result.output)
    write(home / "config.toml", raw)
    for command in (["config", "show"], ["plan"], ["run", "--speed", "100000"]):
        result = balint(*command)
        _no_crash(result)
        assert result.exit_code in (0, 2), (command, result.output)
    (home / "config.toml").unlink()
    write(home / "logs" / "20261121-1230-oops.jsonl", raw)
    fake_log(home, "20261120-1230-good", complete(AT))
    for command in LOG_COMMANDS:
        result = balint(*command)
        _no_crash(result)
        assert result.exit_code == 0, (command, result.output)
    resumed = balint("run", "--resume")
    _no_crash(resumed)
    assert resumed.exit_code == 1
