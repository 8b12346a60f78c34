"""Piped sessions stopped by a signal, digits that are only 0-9, output in any encoding."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fakes import Recorder, scripted_keys
from fakes import phases as _phases
from fakes import terminal as _console
from helpers import SHORT_FORMAT, balint, write
from logfixtures import complete, fake_log, log_files, log_lines
from support.clock import FakeClock

from balint_cli.cli.encoding import keep_writing
from balint_cli.core.events import QUIT
from balint_cli.core.session import Session
from balint_cli.live.loop import run_screen
from balint_cli.live.screen import Look

STARTED = datetime(2026, 11, 23, 12, 30, tzinfo=timezone(timedelta(hours=1)))

# -- a piped session stopped by a signal ------------------------------------------------------

SPEED = 10.0  # the short format's six minutes in 36 seconds: stopped long before its end
STOPS = [signal.SIGTERM, signal.SIGHUP]


def _started(tmp_path: Path, command: str, *args: str) -> tuple[subprocess.Popen[str], float]:
    """balint piped, past its first line and a moment more; when it was started."""
    fmt = write(tmp_path / "short.toml", SHORT_FORMAT)
    began = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "balint_cli", command, str(fmt), "--speed", f"{SPEED:g}", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert "Case facts, case 1: 2 min" in child.stdout.readline()
    time.sleep(0.2)  # a little session time to see in the log
    return child, began


def _stopped(child: subprocess.Popen[str], signum: int) -> tuple[int, str, str]:
    child.send_signal(signum)
    out, err = child.communicate(timeout=30)
    return child.returncode, out, err


@pytest.mark.parametrize("signum", STOPS, ids=lambda s: s.name)
def test_a_piped_run_stopped_by_a_signal_logs_its_end(
    home: Path, tmp_path: Path, signum: signal.Signals
) -> None:
    child, began = _started(tmp_path, "run")
    status, out, err = _stopped(child, signum)
    ran = time.monotonic() - began
    assert status == 128 + signum, err
    assert "Traceback" not in err
    assert "Session interrupted after " in out.splitlines()[-1]
    (log,) = log_files(home)
    *_, phase_end, session_end = log_lines(log)
    assert (session_end["event"], session_end["how"]) == ("session_end", "interrupted")
    assert 0.2 * SPEED <= session_end["seconds"] <= ran * SPEED, "the time it really ran"
    assert (phase_end["event"], phase_end["phase"], phase_end["by"]) == (
        "phase_end",
        "facts",
        "interrupted",
    )
    assert phase_end["actual"] == session_end["seconds"], "the facts, in progress, kept"


def test_a_dropped_link_logs_the_end_though_nobody_reads_the_output(
    home: Path, tmp_path: Path
) -> None:
    """`balint run | tee today.txt` over ssh: tee goes with the link, then balint gets SIGHUP."""
    child, _ = _started(tmp_path, "run")
    assert child.stdout is not None
    child.stdout.close()
    child.send_signal(signal.SIGHUP)
    assert child.stderr is not None
    err = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=30) == 128 + signal.SIGHUP, err
    assert "Traceback" not in err and "Error" not in err, err
    (log,) = log_files(home)
    assert log_lines(log)[-1]["how"] == "interrupted"


@pytest.mark.parametrize("signum", STOPS, ids=lambda s: s.name)
def test_a_piped_demo_stopped_by_a_signal_ends_cleanly(
    home: Path, tmp_path: Path, signum: signal.Signals
) -> None:
    child, _ = _started(tmp_path, "demo")
    status, out, err = _stopped(child, signum)
    assert status == 128 + signum, err
    assert err == ""
    assert "Session interrupted after " in out.splitlines()[-1]
    assert log_files(home) == [], "a demonstration keeps no log"


def test_the_old_signal_handlers_are_back_after_a_piped_session(home: Path) -> None:
    before = {signum: signal.getsignal(signum) for signum in STOPS}
    result = balint("run", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert {signum: signal.getsignal(signum) for signum in STOPS} == before


# -- only 0-9 are digits ----------------------------------------------------------------------

# Each would have been read as a number the leader never saw written: 3, 10, 0, 38103, 13:15.
REFUSED = [
    (("run", "--speed", "٣", "--end-at", "99:99"), "--speed must be a number, not '٣'."),
    (("run", "--speed", "1_000"), "--speed must be a number, not '1_000'."),
    (("demo", "--speed", "٣٠٠٠٠"), "--speed must be a number, not '٣٠٠٠٠'."),
    (
        ("run", "--attendees", "1_0", "--speed", "100000"),
        "--attendees must be a whole number, not '1_0'.",
    ),
    (
        ("run", "--attendees", "٣", "--speed", "100000"),
        "--attendees must be a whole number, not '٣'.",
    ),
    (("run", "--cases", "٠", "--speed", "100000"), "--cases must be a whole number, not '٠'."),
    (("plan", "--cases", "١"), "--cases must be a whole number, not '١'."),
    (("view", "--port", "٣٨١٠٣"), "--port must be a whole number, not '٣٨١٠٣'."),
    (
        ("groups", "add", "Tuesday", "--members", "١٠"),
        "--members must be a whole number, not '١٠'.",
    ),
    (
        ("formats", "new", "mine", "--from", "45min", "--minutes", "٦٠"),
        "--minutes must be a number, not '٦٠'.",
    ),
    (
        ("plan", "--end-at", "1٣:1٥"),
        "--end-at: '1٣:1٥' is not a clock time; use HH:MM, like 13:15.",
    ),
    (
        ("plan", "--start", "0٩:1٥"),
        "--start: '0٩:1٥' is not a clock time; use HH:MM, like 13:15.",
    ),
    (
        ("run", "--some-leave-at", "1٣:1٥", "--speed", "100000"),
        "--some-leave-at: '1٣:1٥' is not a clock time; use HH:MM, like 13:15.",
    ),
    (
        ("groups", "add", "Tuesday", "--end-at", "1٣:1٥"),
        "--end-at: '1٣:1٥' is not a clock time; use HH:MM, like 13:15.",
    ),
    (
        ("log", "summary", "--since", "2026-0٣-01"),
        "--since: '2026-0٣-01' is not a date; use YYYY-MM-DD, like 2026-03-01.",
    ),
]


@pytest.mark.parametrize(("args", "said"), REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_only_0_to_9_are_digits_in_an_option(home: Path, args: tuple[str, ...], said: str) -> None:
    result = balint(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {said}\n"
    assert log_files(home) == [], "no session was run"
    assert not (home / "groups.toml").exists(), "no group was added"


def test_a_groups_end_at_in_other_digits_is_refused(home: Path) -> None:
    path = write(home / "groups.toml", '["Tuesday"]\nend_at = "1٣:1٥"\n')
    result = balint("run", "--group", "Tuesday", "--speed", "100000")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f'Error: {path}: group "Tuesday": end_at must be a clock time such as 13:15.\n'
    )
    assert log_files(home) == []


def test_plain_digits_still_count(home: Path) -> None:
    result = balint("plan", "--start", "9:05", "--end-at", "09:50", "--cases", "1")
    assert result.exit_code == 0, result.output
    assert "09:50" in result.stdout


def test_a_keyboards_own_digits_are_not_a_count() -> None:
    """² (AltGr+2 on a German keyboard), ① or ٣ after a: ignored, as any other key."""
    clock = FakeClock()
    session = Session(_phases(5, 5))
    sink = Recorder()
    script = {
        60.0: ["a"],
        61.0: ["²"],
        62.0: ["①"],
        63.0: ["٣"],
        64.0: ["enter"],  # nothing typed yet: the question stays
        65.0: ["1", "²", "2"],
        66.0: ["enter"],
        70.0: ["q"],
        71.0: ["y"],
    }
    keys = scripted_keys(clock, script, 1.0)
    how = run_screen(session, clock, sink, Look("x", STARTED), keys, _console(), session.begin())
    assert how == QUIT
    counts = [e.data["attendees"] for e in sink.events if e.kind == "attendance"]
    assert counts == [12]


# -- any output encoding ----------------------------------------------------------------------

ENCODINGS = ["cp1252", "ascii"]  # a redirected Windows output; a C or latin-1 locale at worst


def _in(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """balint run as a command, its output in encoding (as PYTHONIOENCODING sets it)."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run(
        [sys.executable, "-m", "balint_cli", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )


def _shelf(home: Path) -> None:
    """Two sessions of a German group whose names hold what cp1252 and ASCII lack."""
    march = datetime(2026, 3, 3, 12, 30, tzinfo=timezone(timedelta(hours=1)))
    group = "Dienstag Ärzte „Nord“"
    fake_log(home, "20260303-1230-abcd", complete(march, 45, group=group, attendees=7))
    title = "Mittagsgruppe – Ärztinnen"
    later = complete(march + timedelta(days=7), group=group, format_title=title)
    fake_log(home, "20260310-1230-abcd", later)


# What each command shows, written as each encoding can hold it: cp1252 has ö, – and „ but
# no box lines or bars; ASCII has none of them.
READABLE = [
    (("plan", "de-45min", "--start", "12:30"), "Eröffnung", "Eroffnung"),
    (("plan", "45min", "--start", "12:30"), "#2===", "#2==="),
    (("formats", "show", "45min"), "45 minutes · 7 phases", "45 minutes - 7 phases"),
    (("formats", "show", "de-90min"), "Gruppengespräch", "Gruppengesprach"),
    (("handout", "45min"), "  1 ####", "  1 ####"),
    (("handout", "de-45min"), "Zuhören", "Zuhoren"),
    (("log", "summary"), "Dienstag Ärzte", "Dienstag Arzte"),
    (("log", "show", "last"), "Mittagsgruppe – Ärztinnen", "Mittagsgruppe - Arztinnen"),
    (("log", "show", "last"), "Ärzte „Nord“", 'Arzte "Nord"'),
    (("run", "de-45min", "--speed", "100000"), "Eröffnung: 3\u00a0Min.", "Eroffnung: 3 Min."),
]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize(
    ("args", "in_cp1252", "in_ascii"), READABLE, ids=[" ".join(a) for a, *_ in READABLE]
)
def test_an_output_encoding_without_every_letter_is_written_readably(
    home: Path, encoding: str, args: tuple[str, ...], in_cp1252: str, in_ascii: str
) -> None:
    _shelf(home)
    result = _in(encoding, *args)
    err = result.stderr.decode(encoding)
    assert result.returncode == 0, err
    assert "Traceback" not in err and "Error" not in err, err
    out = result.stdout.decode(encoding)  # every byte is one the encoding has
    assert (in_cp1252 if encoding == "cp1252" else in_ascii) in out, out


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_json_and_web_pages_stay_exact_in_any_output_encoding(home: Path, encoding: str) -> None:
    plan = _in(encoding, "plan", "de-45min", "--json")
    assert plan.returncode == 0, plan.stderr
    assert json.loads(plan.stdout)["phases"][0]["title"] == "Eröffnung", "escaped, not replaced"
    page = _in(encoding, "handout", "de-45min", "--format", "html")
    assert page.returncode == 0, page.stderr
    assert '<meta charset="utf-8">' in page.stdout.decode("utf-8")
    assert "<td>Eröffnung</td>" in page.stdout.decode("utf-8"), "UTF-8, as the page says"


def test_the_stand_ins_are_what_a_reader_expects() -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    keep_writing(out)
    out.write("─━│┌█▓ · – „ja“ Größe ½ 中 é\n")
    out.flush()
    assert raw.getvalue() == b'-=|+#= - - "ja" Grosse .5 ?? e\n'
