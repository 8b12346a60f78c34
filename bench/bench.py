"""Measure balint's speed and weight against the targets in the spec.

    .venv/bin/python bench/bench.py            # the full run (about six minutes)
    .venv/bin/python bench/bench.py --quick    # shorter runs, rougher figures
    .venv/bin/python bench/bench.py --long     # also a 90-minute session in real time
    .venv/bin/python bench/bench.py --huge     # also 100,000 logs (made once, minutes)
    .venv/bin/python bench/bench.py --only NAME  # only the measures whose name has NAME

Every child process gets a temporary BALINT_HOME, so the user's own folder is never touched.
This is a script, not a test: timings belong here, not in the test suite.
"""

from __future__ import annotations

import argparse
import compileall
import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BALINT = [PYTHON, "-m", "balint_cli"]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

MINIMAL_APP = '''
import typer

app = typer.Typer()


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    print(f"Hello {name}")


@app.command()
def goodbye(name: str) -> None:
    """Say goodbye."""
    print(f"Goodbye {name}")


if __name__ == "__main__":
    app()
'''

# Four short phases: boundaries every 15 s, so a minute shows how exactly they land.
BOUNDARY_FORMAT = """
name = "Boundaries"
[[phases]]
id = "a"
title = "First"
minutes = 0.25
[[phases]]
id = "b"
title = "Second"
minutes = 0.25
[[phases]]
id = "c"
title = "Third"
minutes = 0.25
[[phases]]
id = "d"
title = "Fourth"
minutes = 0.25
"""


@dataclass(frozen=True)
class Result:
    name: str
    value: float
    unit: str
    target: str
    ok: bool
    note: str = ""


@dataclass(frozen=True)
class Options:
    quick: bool
    long: bool
    home: Path


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(BALINT_HOME=str(home), TERM="xterm-256color")
    return env


def _run_quietly(argv: list[str], env: dict[str, str], check: bool = True) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=check)
    return time.perf_counter() - start


def help_startup(opts: Options) -> Result:
    """`balint --help` against a minimal two-command Typer app, interleaved, same interpreter."""
    env = _env(opts.home)
    with tempfile.TemporaryDirectory() as folder:
        minimal = Path(folder) / "minimal.py"
        minimal.write_text(MINIMAL_APP)
        rounds = 10 if opts.quick else 30
        ours, theirs = [], []
        for _ in range(2):  # warm the file cache
            _run_quietly([*BALINT, "--help"], env)
            _run_quietly([PYTHON, str(minimal), "--help"], env)
        for _ in range(rounds):
            ours.append(_run_quietly([*BALINT, "--help"], env))
            theirs.append(_run_quietly([PYTHON, str(minimal), "--help"], env))
    ratio = statistics.median(ours) / statistics.median(theirs)
    note = (
        f"balint {statistics.median(ours) * 1000:.0f} ms, minimal app "
        f"{statistics.median(theirs) * 1000:.0f} ms (medians of {rounds})"
    )
    return Result("--help against a minimal Typer app", ratio, "x", "<= 1.2", ratio <= 1.2, note)


def _spawn(args: list[str], env: dict[str, str]) -> pexpect.spawn:
    return pexpect.spawn(BALINT[0], [*BALINT[1:], *args], env=env, dimensions=(24, 80))


def _first_output(argv: list[str], env: dict[str, str], wanted: bytes) -> float:
    """Seconds from spawning argv in an 80x24 pseudo-terminal until it has written wanted
    (a pattern): the same clock for balint and for the app it is measured against."""
    start = time.perf_counter()
    child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(24, 80))
    try:
        child.expect(wanted, timeout=10)
        return time.perf_counter() - start
    finally:
        child.close(force=True)


def _frame_time(env: dict[str, str]) -> float:
    return _first_output([*BALINT, "run", "--no-log"], env, rb"\d\d:\d\d left")


def first_frame(opts: Options) -> Result:
    """From spawning `balint run` in a pseudo-terminal to its countdown, against a minimal
    Typer app running one of its commands spawned the same way to its greeting: both to
    their first output, neither to its exit (interpreter shutdown counts on neither side);
    interleaved in the same run."""
    env = _env(opts.home)
    with tempfile.TemporaryDirectory() as folder:
        minimal = Path(folder) / "minimal.py"
        minimal.write_text(MINIMAL_APP)
        app = [PYTHON, str(minimal), "hello", "x"]
        ours, theirs = [], []
        _frame_time(env)  # warm the file cache
        _first_output(app, env, rb"Hello x")
        for _ in range(5 if opts.quick else 15):
            ours.append(_frame_time(env))
            theirs.append(_first_output(app, env, rb"Hello x"))
    ratio = statistics.median(ours) / statistics.median(theirs)
    return Result(
        "first frame against a minimal Typer app",
        ratio,
        "x",
        "<= 1.15",
        ratio <= 1.15,
        f"balint run {statistics.median(ours) * 1000:.0f} ms to its countdown, the app "
        f"{statistics.median(theirs) * 1000:.0f} ms to its greeting, both spawned in a "
        f"pseudo-terminal (medians of {len(ours)})",
    )


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def _peak_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found[1]) if found else 0


def running_session(opts: Options) -> list[Result]:
    """CPU share of one core and peak memory of a session running at real speed."""
    seconds = 10.0 if opts.quick else 20.0
    child = _spawn(["run", "--no-log"], _env(opts.home))
    try:
        child.expect(rb"\d\d:\d\d left", timeout=10)
        time.sleep(1.0)  # past start-up
        cpu_before, wall_before = _cpu_seconds(child.pid), time.perf_counter()
        deadline = wall_before + seconds
        while time.perf_counter() < deadline:  # keep draining its output, as a terminal does
            try:
                child.read_nonblocking(65536, timeout=0.5)
            except pexpect.TIMEOUT:
                pass
        cpu = _cpu_seconds(child.pid) - cpu_before
        share = cpu / (time.perf_counter() - wall_before) * 100
        peak = _peak_kb(child.pid) / 1024
    finally:
        child.close(force=True)
    return [
        Result(
            "CPU of a running session",
            share,
            "% of a core",
            "< 0.5",
            share < 0.5,
            f"{cpu:.2f} s of CPU over {seconds:g} s, redrawing once a second",
        ),
        Result(
            "peak memory of a running session",
            peak,
            "MB",
            "< 40",
            peak < 40,
            "VmHWM of the process",
        ),
    ]


def watched_session(opts: Options) -> list[Result]:
    """A session publishing its state for the group, and `balint view` following it: the CPU
    of both together, against the session alone in the same run."""
    seconds = 10.0 if opts.quick else 20.0
    env = _env(opts.home)

    def measure(with_view: bool) -> tuple[float, float]:
        session = _spawn(["run", "--no-log"], env)
        children = [session]
        try:
            session.expect(rb"\d\d:\d\d left", timeout=10)
            if with_view:
                view = _spawn(["view", "--time", "clock"], env)  # the clock wakes most
                children.append(view)
                view.expect(rb"\d\d:\d\d left", timeout=10)
            time.sleep(1.0)  # past start-up
            before = [_cpu_seconds(c.pid) for c in children]
            wall_before = time.perf_counter()
            deadline = wall_before + seconds
            while time.perf_counter() < deadline:  # drain both, as their terminals do
                for child in children:
                    try:
                        child.read_nonblocking(65536, timeout=0.25)
                    except pexpect.TIMEOUT:
                        pass
            used = [_cpu_seconds(c.pid) - b for c, b in zip(children, before, strict=True)]
            wall = time.perf_counter() - wall_before
        finally:
            for child in children:
                child.close(force=True)
        return sum(used) / wall * 100, sum(used)

    alone, _cpu_alone = measure(False)
    together, cpu = measure(True)
    return [
        Result(
            "CPU of a session and a watching view",
            together,
            "% of a core",
            "< 0.5",
            together < 0.5,
            f"{cpu:.2f} s of CPU over {seconds:g} s for both; the session alone "
            f"{alone:.2f}% in the same run",
        )
    ]


SLOW_CLIENTS = 50


def _state_ms(port: int) -> float:
    """One GET /state.json on a connection of its own: milliseconds to the whole answer."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/state.json")
        answer = connection.getresponse()
        answer.read()
    finally:
        connection.close()
    if answer.status != 200:
        raise RuntimeError(f"the web view answered {answer.status}")
    return (time.perf_counter() - start) * 1000


class _SlowClients:
    """count connections to the web view, each a request that never ends, a byte every
    fifth of a second on a thread of its own; one the view drops (its deadline) is opened
    again at once."""

    def __init__(self, port: int, count: int) -> None:
        self._start = f"GET /state.json HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: ".encode()
        self._port = port
        self._stop = threading.Event()
        self.reopened = 0
        self.lost = 0
        self._held = [self._opened() for _ in range(count)]  # any failing here is a miss
        self._thread = threading.Thread(target=self._trickle)
        self._thread.start()

    def _opened(self) -> socket.socket:
        connection = socket.create_connection(("127.0.0.1", self._port), timeout=5)
        connection.sendall(self._start)
        return connection

    def _trickle(self) -> None:
        while not self._stop.wait(0.2):
            for i, connection in enumerate(self._held):
                try:
                    connection.sendall(b"a")
                except OSError:
                    connection.close()
                    try:
                        self._held[i] = self._opened()
                        self.reopened += 1
                    except OSError:
                        self.lost += 1

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for connection in self._held:
            connection.close()


def web_view_under_load(opts: Options) -> Result:
    """`balint view --web` answering GET /state.json while 50 slow clients each hold a
    connection open, trickling bytes; the same requests with none, in the same run."""
    rounds = 10 if opts.quick else 40
    name, target = "web view with 50 slow clients", "<= 100"
    server = subprocess.Popen(
        [*BALINT, "view", "--web", "--port", "0"],
        env=_env(opts.home),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        found = re.search(r"127\.0\.0\.1:(\d+)/", server.stdout.readline())
        assert found is not None, "the web view did not say its address"
        port = int(found[1])
        _state_ms(port)  # warm
        alone = [_state_ms(port) for _ in range(rounds)]
        slow = _SlowClients(port, SLOW_CLIENTS)
        try:
            time.sleep(1.0)  # all of them trickling
            loaded = []
            for _ in range(rounds):  # 0.2 s apart: over 5 s, so the deadline drops some meanwhile
                loaded.append(_state_ms(port))
                time.sleep(0.2)
        finally:
            slow.close()
    except OSError as err:  # a connection refused or timed out: the view was stalled
        return Result(name, float("inf"), "ms at worst", target, False, f"stalled: {err}")
    finally:
        server.terminate()
        server.wait(10)
    worst = max(loaded)
    return Result(
        name,
        worst,
        "ms at worst",
        target,
        worst <= 100 and not slow.lost,
        f"median {statistics.median(loaded):.1f} ms of {rounds} GET /state.json; with no slow "
        f"client {statistics.median(alone):.1f} ms, worst {max(alone):.1f}; the slow clients "
        f"opened again {slow.reopened} times as the view's deadline dropped them"
        + (f", {slow.lost} could not" if slow.lost else ""),
    )


def discreet_session(opts: Options) -> list[Result]:
    """A discreet session: its CPU, and how often it draws a frame (once a minute for the time,
    and once for each step of the phase's bar: 66 steps over the 4-minute opening at 80x24)."""
    seconds = 20.0 if opts.quick else 120.0
    child = _spawn(["run", "90min", "--no-log", "--discreet"], _env(opts.home))
    frames = 0
    try:
        child.expect(rb"\d+ min left", timeout=10)
        time.sleep(1.0)
        cpu_before, wall_before = _cpu_seconds(child.pid), time.perf_counter()
        deadline = wall_before + seconds
        while time.perf_counter() < deadline:
            try:
                frames += child.read_nonblocking(65536, timeout=0.5).count(b"\x1b[H")
            except pexpect.TIMEOUT:
                pass
        cpu = _cpu_seconds(child.pid) - cpu_before
        share = cpu / (time.perf_counter() - wall_before) * 100
    finally:
        child.close(force=True)
    per_minute = frames / seconds * 60
    return [
        Result(
            "CPU of a discreet session",
            share,
            "% of a core",
            "< 0.1",
            share < 0.1,
            f"{cpu:.2f} s of CPU over {seconds:g} s",
        ),
        Result(
            "frames a minute, discreet",
            per_minute,
            "a minute",
            "<= 20",
            per_minute <= 20,
            f"{frames} frames in {seconds:g} s (a full screen draws 60)",
        ),
    ]


def boundaries(opts: Options) -> Result:
    """How far phase boundaries land from their schedule, in real time, without a terminal."""
    with tempfile.TemporaryDirectory() as folder:
        fmt = Path(folder) / "boundaries.toml"
        text = BOUNDARY_FORMAT if not opts.quick else BOUNDARY_FORMAT.replace("0.25", "0.1")
        fmt.write_text(text)
        phase = 6.0 if opts.quick else 15.0
        errors = _line_times(["run", str(fmt), "--no-log"], [i * phase for i in range(4)], opts)
    worst = max(errors)
    return Result(
        "phase boundaries, real time",
        worst,
        "s late at most",
        "<= 0.25",
        worst <= 0.25,
        f"mean {statistics.mean(errors):.3f} s over {len(errors)}",
    )


def _line_times(args: list[str], offsets: list[float], opts: Options) -> list[float]:
    """Each phase's line against its planned start: how far from it each one arrived."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [*BALINT, *args],
        env=_env(opts.home),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    arrivals = []
    assert child.stdout is not None
    for line in child.stdout:
        if ": " in line and "ended after" not in line and "Session" not in line:
            arrivals.append(time.perf_counter() - start)
    child.wait()
    first = arrivals[0]  # start-up is not drift; measure from the first phase's start
    return [abs(at - first - offset) for at, offset in zip(arrivals, offsets, strict=True)]


def long_boundaries(opts: Options) -> Result:
    """The built-in 90-minute format in real time: the last boundaries land as the first."""
    from balint_cli.formats.catalogue import resolve

    offsets, at = [], 0.0
    for phase in resolve("90min", opts.home).format.phases:
        offsets.append(at)
        at += phase.seconds
    errors = _line_times(["run", "90min", "--no-log"], offsets, opts)
    return Result(
        "phase boundaries, 90 minutes",
        max(errors),
        "s",
        "<= 0.25",
        max(errors) <= 0.25,
        f"last boundary {errors[-1]:.3f} s from schedule",
    )


def _shelf(count: int) -> Path:
    """A balint home with count logs; made once, then kept in the temporary folder between
    runs of the benchmark (making 100,000 takes minutes)."""
    home = Path(tempfile.gettempdir()) / f"balint-bench-shelf-{count}"
    _write_logs(home / "logs", count)
    return home


def _timed(
    args: list[str], env: dict[str, str], rounds: int, before: Callable[[], object] = str
) -> float:
    """The median seconds of a command, after a warm-up run; before is done before each."""
    # --resume ends at once (exit status 1) when the last session finished: all it has to do
    # is find the last session, which is what is measured.
    check = args != ["run", "--resume"]
    before()
    _run_quietly([*BALINT, *args], env, check)  # warm: the index made, the files cached
    times = []
    for _ in range(rounds):
        before()
        times.append(_run_quietly([*BALINT, *args], env, check))
    return statistics.median(times)


def _peak_mb(args: list[str], env: dict[str, str]) -> float:
    """The peak resident memory of one run of a command, in MB."""
    code = (
        "import resource, runpy, sys; sys.argv = ['balint', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('balint_cli', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
    )
    done = subprocess.run(
        [PYTHON, "-c", code, *args], env=env, capture_output=True, text=True, check=True
    )
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def _ratio(name: str, took: float, base: float, most: float, what: str) -> Result:
    ratio = took / base
    said = f"{took:.2f} s against {base:.2f} s for `balint config path`; {what}"
    return Result(name, ratio, "x config path", f"<= {most:g}", ratio <= most, said)


def reports_at_scale(opts: Options) -> list[Result]:
    """`log summary` over 10,000 logs: repeated, a session later, and the first ever (no
    index), each against `balint config path` timed the same way in the same run."""
    home = _shelf(10_000)
    env = _env(home)
    rounds = 3 if opts.quick else 7
    base = _timed(["config", "path"], env, rounds)
    repeated = _timed(["log", "summary"], env, rounds)
    after = _after_a_session(home, env, rounds)
    first = _timed(["log", "summary"], env, 2 if opts.quick else 5, lambda: _unindexed(home))
    return [
        _ratio("log summary, 10,000, repeated", repeated, base, 2.0,
               f"median of {rounds}, nothing changed since the run before"),
        _ratio("log summary, 10,000, a session later", after, base, 2.5,
               f"median of {rounds}, one new log read since the run before"),
        _ratio("first log summary, 10,000, no index", first, base, 12.0,
               "every log read, the index made"),
    ]  # fmt: skip


def _unindexed(home: Path) -> None:
    """No index at all: this balint's, or an earlier one's folder of them."""
    for path in home.glob("index.db*"):
        path.unlink()
    shutil.rmtree(home / "index", ignore_errors=True)


def _after_a_session(home: Path, env: dict[str, str], rounds: int) -> float:
    """The median seconds of `log summary` with one session more each time (a copy of the
    last log under a later id), the index made by the run before; the copies go after."""
    logs = home / "logs"
    last = sorted(os.listdir(logs))[-1]
    added = []
    try:
        _run_quietly([*BALINT, "log", "summary"], env)
        times = []
        for n in range(rounds):
            copy = logs / f"99991231-23{n:02d}-ffff.jsonl"  # after every real id
            copy.write_bytes((logs / last).read_bytes())
            added.append(copy)
            times.append(_run_quietly([*BALINT, "log", "summary"], env))
        return statistics.median(times)
    finally:
        for copy in added:
            copy.unlink(missing_ok=True)
        _run_quietly([*BALINT, "log", "summary"], env)  # the index as the shelf is again


def reports_at_huge_scale(opts: Options) -> list[Result]:
    """100,000 logs: a summary after an old log changed, the listing, finding one log against
    ten logs, and the memory of a bundle's export and of a running session."""
    home = _shelf(100_000)
    env = _env(home)
    rounds = 3
    base = _timed(["config", "path"], env, rounds)
    old = sorted(os.listdir(home / "logs"))[1000]

    def change_an_old_log() -> None:
        later = time.time_ns()
        os.utime(home / "logs" / old, ns=(later, later))

    changed = _timed(["log", "summary"], env, rounds, change_an_old_log)
    listed = _timed(["log", "list"], env, rounds)
    results = [
        _ratio("log summary, 100,000, an old log changed", changed, base, 6.0,
               f"median of {rounds}, one log of 2016 touched before each run"),
        _ratio("log list, 100,000", listed, base, 4.0, f"median of {rounds}, the 20 last shown"),
    ]  # fmt: skip
    results += _finding_one_log(home, _shelf(10), 3 if opts.quick else 9)
    with tempfile.TemporaryDirectory() as folder:
        bundle = str(Path(folder) / "all.zip")
        peak = _peak_mb(["log", "export", "--bundle", bundle, "--force"], env)
        size = Path(bundle).stat().st_size / 1e6
    results.append(
        Result("peak memory, export --bundle of 100,000", peak, "MB", "< 80", peak < 80,
               f"ru_maxrss of the whole command, a {size:.0f} MB zip written a log at a time")
    )  # fmt: skip
    results.append(_session_memory(home))
    return results


def _finding_one_log(huge: Path, small: Path, rounds: int) -> list[Result]:
    """`log show last`, `run --resume` and the first frame of `run` with 100,000 logs, against
    the same with 10, interleaved."""
    results = []
    for name, measure in (
        ("log show last", lambda env: _run_quietly([*BALINT, "log", "show", "last"], env)),
        ("run --resume", lambda env: _run_quietly([*BALINT, "run", "--resume"], env, False)),
        ("first frame of run", _frame_time),
    ):
        times: dict[Path, list[float]] = {huge: [], small: []}
        for home in times:
            measure(_env(home))  # warm
        for _ in range(rounds):
            for home, taken in times.items():
                taken.append(measure(_env(home)))
        many, few = statistics.median(times[huge]), statistics.median(times[small])
        ratio = many / few
        results.append(
            Result(f"{name}, 100,000 logs against 10", ratio, "x", "<= 1.15", ratio <= 1.15,
                   f"{many * 1000:.0f} ms against {few * 1000:.0f} ms (medians of {rounds})")
        )  # fmt: skip
    return results


def _session_memory(home: Path) -> Result:
    """The peak memory of a session running beside 100,000 logs (it looks for an
    unfinished one before its first frame)."""
    child = _spawn(["run", "--no-log"], _env(home))
    try:
        child.expect(rb"\d\d:\d\d left", timeout=30)
        time.sleep(1.0)
        peak = _peak_kb(child.pid) / 1024
    finally:
        child.close(force=True)
    return Result("peak memory, session beside 100,000 logs", peak, "MB", "< 38", peak < 38,
                  "VmHWM of the process")  # fmt: skip


def _write_logs(folder: Path, count: int) -> None:
    """count realistic session logs, made by running the session state machine.

    A programme's decade: several groups, attendance set and corrected, pauses, minutes
    added, the odd practice run and false start, some sessions corrected with `log edit`.
    """
    from balint_cli.core.events import QUIT
    from balint_cli.core.session import Session
    from balint_cli.formats.catalogue import resolve
    from balint_cli.logbook.writing import to_line

    folder.mkdir(parents=True, exist_ok=True)
    if sum(1 for _ in os.scandir(folder)) >= count:
        return
    fmt = resolve("90min", folder).format
    base = datetime(2016, 1, 1, 12, 30, tzinfo=UTC)
    outline = [
        {
            "id": p.id,
            "title": p.title,
            "case": p.case,
            "minutes": p.minutes,
            "planned": p.seconds,
            "flexible": p.flexible,
            "warn_minutes": p.warn_minutes,
            "at_zero": p.at_zero,
        }
        for p in fmt.phases
    ]
    groups = ("Tuesday GPs", "Registrars", "Nurses", "Emergency A", "Emergency B")
    for i in range(count):
        start = base + timedelta(hours=i)
        practice = i % 97 == 0
        session = Session(fmt.phases, target=5400.0)
        events = session.begin()
        t = 0.0
        if i % 89 == 0:  # a false start: quit within a minute
            events += session.finish(40.0, QUIT)
        else:
            for k, phase in enumerate(fmt.phases):
                if k == 4 and i % 5 == 0:
                    events += session.toggle_pause(t + 30) + session.toggle_pause(t + 150)
                if k == 2 and i % 7 == 0:
                    events += session.extend(t + 10, 1)
                if k == 1:
                    events += session.count(t + 20, 4 + i % 7, 10)
                t += phase.seconds * (0.8 + 0.5 * ((i * 7 + k * 13) % 10) / 10)
                events += session.next(t)
        lines = [
            {
                "event": "session_start",
                "t": 0.0,
                "at": start.isoformat(),
                "v": 1,
                "format": "90min",
                "format_title": fmt.name,
                "format_hash": "x",
                "phases": outline,
                "target": 5400.0,
                "auto": False,
                "speed": 30.0 if practice else 1.0,
                "practice": practice,
                "group": groups[i % len(groups)],
                "attendees": 5 + i % 8,
                "members": 10,
                "setting": "online" if i % 4 == 0 else "in-person",
                "role": "co-lead" if i % 3 == 0 else "lead",
                "supervised": i % 11 == 0,
            }
        ]
        for event in events:
            line = to_line(event)
            line["at"] = (start + timedelta(seconds=event.t)).isoformat()
            lines.append(line)
        if i % 13 == 0:  # corrected afterwards
            lines.append({"event": "edit", "t": t, "at": start.isoformat(), "attendees": 9})
        name = folder / f"{start:%Y%m%d-%H%M}-{i % 65536:04x}.jsonl"
        name.write_text("".join(json.dumps(line) + "\n" for line in lines))


MEASURES: list[Callable[[Options], Result | list[Result]]] = [
    help_startup,
    first_frame,
    running_session,
    watched_session,
    web_view_under_load,
    discreet_session,
    boundaries,
    reports_at_scale,
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs, rougher figures")
    parser.add_argument("--long", action="store_true", help="also a real-time 90-minute run")
    parser.add_argument("--huge", action="store_true", help="also 100,000 logs (minutes)")
    parser.add_argument("--only", metavar="NAME", help="only the measures whose name has NAME")
    args = parser.parse_args()
    measures = [
        *MEASURES,
        *([long_boundaries] if args.long else []),
        *([reports_at_huge_scale] if args.huge else []),
    ]
    if args.only:
        measures = [m for m in measures if args.only in m.__name__]
    print(
        f"balint benchmark, {datetime.now():%Y-%m-%d}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}"
    )
    # Installed by pip, balint's modules are compiled to bytecode once; started from a
    # checkout with PYTHONDONTWRITEBYTECODE set, they would be compiled on every start.
    compileall.compile_dir(ROOT / "balint_cli", quiet=1)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="balint-bench-") as folder:
        opts = Options(args.quick, args.long, Path(folder))
        for measure in measures:
            found = measure(opts)
            for result in found if isinstance(found, list) else [found]:
                failed += not result.ok
                mark = "ok  " if result.ok else "MISS"
                print(
                    f"{mark} {result.name:<38} {result.value:9.3f} {result.unit:<16} "
                    f"target {result.target:<7} {result.note}",
                    flush=True,
                )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
