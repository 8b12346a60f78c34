"""Stopping when the output goes away: a piped session stopped by a signal, a dropped link or
a closed output ends its log and puts the old handlers back, and output to a full device is
one sentence for every command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.helpers import SHORT_FORMAT, balint, write
from support.logfixtures import log_files, log_lines

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
    assert "Traceback" not in err, err
    assert "Error" not in err, err
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


# -- any output encoding ----------------------------------------------------------------------


# What each command shows, written as each encoding can hold it: cp1252 has ö, – and „ but
# no box lines or bars; ASCII has none of them.


@pytest.mark.usefixtures("no_hang")
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


@pytest.mark.usefixtures("no_hang")
def test_a_pipe_closed_early_ends_quietly() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "balint_cli", "handout", "90min", "--format", "html"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    assert child.stderr is not None
    child.stdout.close()
    status = child.wait(timeout=30)
    said = child.stderr.read()
    child.stderr.close()
    assert status == 1
    assert said == b""


FULL = "Error: The output cannot be written: No space left on device.\n"


def _to_full_device(*args: str) -> subprocess.CompletedProcess[str]:
    """balint run as a user would, its output sent to /dev/full."""
    with open(os.devnull) as nothing, open("/dev/full", "w") as full:
        return subprocess.run(
            [sys.executable, "-m", "balint_cli", *args],
            stdin=nothing,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )


needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [
        ("log", "summary"),
        ("formats", "list"),
        ("handout", "90min"),
        ("plan", "45min", "--json"),
        ("--version",),
    ],
    ids=" ".join,
)
def test_output_to_a_full_device_is_one_sentence(args: tuple[str, ...]) -> None:
    result = _to_full_device(*args)
    assert result.returncode == 1, result.stderr
    assert result.stderr == FULL


@needs_dev_full
def test_an_error_said_to_a_full_device_keeps_its_exit_status() -> None:
    with open(os.devnull) as nothing, open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "balint_cli", "plan", "no-such-format"],
            stdin=nothing,
            stdout=subprocess.DEVNULL,
            stderr=full,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2, "bad input, though nothing could be said"
