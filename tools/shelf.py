"""balint run as a user runs it, and the JSON it prints over a small made-up shelf.

tools/reference.py reads every command's help and every JSON shape through this module.
Nothing here imports balint's modules: each command is `python -m balint_cli ...` in a
child process, with a home of its own and a fixed width, colour, language and time zone.
The shelf: two groups, formats of one's own (one of them broken), four short sessions (one
in a pseudo-terminal, so that it has a marker and a phase that ran over), a correction,
and the web view watching.
"""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The few variables a child needs from ours; all that could change the width, colour or
# language of what it prints is set here instead.
_KEPT = ("PATH", "HOME", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP")
_FIXED = {
    "COLUMNS": "100",
    "LINES": "24",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "LANG": "C.UTF-8",
    "TZ": "UTC",
    "PYTHONIOENCODING": "utf-8",
}
_TIMEOUT = 60.0  # seconds for one command, which takes well under one


def env(home: Path) -> dict[str, str]:
    """The environment of every child: ours pared down, the fixed values, and its home."""
    kept = {name: os.environ[name] for name in _KEPT if name in os.environ}
    return {**kept, **_FIXED, "BALINT_HOME": str(home)}


def balint(environ: dict[str, str], *words: str) -> str:
    """What `balint WORDS` prints; a command that fails stops the whole run, saying why."""
    done = subprocess.run(
        [sys.executable, "-m", "balint_cli", *words],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=_TIMEOUT,
    )
    if done.returncode != 0:
        said = done.stderr.strip() or done.stdout.strip()
        sys.exit(f"`balint {' '.join(words)}` exited {done.returncode}: {said}")
    return done.stdout


def _json(environ: dict[str, str], *words: str) -> Any:
    return json.loads(balint(environ, *words, "--json"))


# -- the shelf ---------------------------------------------------------------------------------

# A format of one's own whose three phases take a second each, so that a session at the real
# speed (the portfolio leaves practice out) runs whole in a few seconds.
_BRIEF = """\
name = "A brief group"
description = "Three short phases, to try balint out."

[[phases]]
id = "opening"
title = "Opening"
minutes = 0.02
prompt = "Welcome."
purpose = "We begin."

[[phases]]
id = "facts"
title = "Case facts"
minutes = 0.02
case = 1
prompt = "Tell us about the patient."
purpose = "The group hears the case."
for_group = "We listen."

[[phases]]
id = "closing"
title = "Closing"
minutes = 0.02
prompt = "Thank you."
purpose = "We end."
"""


def _formats(home: Path, environ: dict[str, str]) -> None:
    folder = home / "formats"
    folder.mkdir(parents=True)
    (folder / "brief.toml").write_text(_BRIEF, encoding="utf-8")
    (folder / "broken.toml").write_text('name = "Broken"\n', encoding="utf-8")
    balint(environ, "formats", "new", "mine", "--from", "90min", "--minutes", "60")
    balint(environ, "formats", "new", "60min", "--minutes", "50")  # replaces a built-in


def _groups(environ: dict[str, str]) -> None:
    balint(environ, "groups", "add", "Tuesday GPs", "--members", "10", "--format", "brief",
           "--online", "--role", "co-lead")  # fmt: skip
    balint(environ, "groups", "add", "Thursday registrars", "--end-at", "13:15", "--in-person")


# How much longer the brief session is made to have run: a session of a few seconds is a
# false start, which reports leave out, and the portfolio would then have nothing to show.
_STRETCH = 100.0
_TIMES = ("t", "seconds", "planned", "allotted", "actual", "minutes", "target", "late", "paused")


def _stretched(home: Path) -> None:
    """The one log in home, its times made _STRETCH times longer (3.6 s become 6 minutes)."""
    (log,) = (home / "logs").glob("*.jsonl")
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    log.write_text("".join(json.dumps(_scaled(line)) + "\n" for line in lines), encoding="utf-8")


def _debriefed(home: Path) -> None:
    """The one log in home given a co-leaders' debrief after its end, as balint writes one."""
    (log,) = (home / "logs").glob("*.jsonl")
    end = json.loads(log.read_text(encoding="utf-8").splitlines()[-1])
    line = {"event": "debrief", "t": end["t"] + 570, "at": end["at"], "minutes": 9.5}
    with log.open("a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")


def _scaled(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _scaled(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_scaled(item, key) for item in value]
    if key in _TIMES and isinstance(value, int | float) and not isinstance(value, bool):
        return value * _STRETCH
    return value


def _sessions(home: Path, environ: dict[str, str]) -> dict[str, Any]:
    """Four sessions and a correction; the web view's /state.json, idle and running.

    Between them, a group with members and attendance, a label with neither, no label at
    all, practice and not: so that a value that may be missing is seen missing.
    """
    balint(environ, "run", "--group", "Tuesday GPs", "--attendees", "8")
    _stretched(home)
    _debriefed(home)  # a debrief of ten real minutes is not waited for
    balint(environ, "log", "edit", "last", "--attendees", "7")
    balint(environ, "run", "90min", "--speed", "100000", "--cases", "1", "--supervised",
           "--group", "Monday juniors")  # fmt: skip
    balint(environ, "run", "45min", "--speed", "100000")
    with _web_view(environ) as address:
        idle = _get(address)
        running = _live_session(environ, lambda: _get(address))
    return {"idle": idle, "running": running}


@contextmanager
def _web_view(environ: dict[str, str]) -> Iterator[str]:
    """`balint view --web --port 0` for the length of a `with` block; its address."""
    process = subprocess.Popen(
        [sys.executable, "-m", "balint_cli", "view", "--web", "--port", "0"],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline())
        if found is None:
            sys.exit("`balint view --web --port 0` gave no address")
        yield found.group(0)
    finally:
        process.terminate()
        process.communicate(timeout=_TIMEOUT)


def _get(address: str) -> Any:
    with urllib.request.urlopen(address + "state.json", timeout=_TIMEOUT) as answer:
        return json.loads(answer.read())


def _live_session(environ: dict[str, str], during: Callable[[], Any]) -> Any:
    """A session at a terminal: its opening runs over, then m, n, q, y; `during()` meanwhile."""
    import pty  # here, not above: POSIX only, and the rest of this module runs anywhere

    pid, fd = pty.fork()
    if pid == 0:  # the child: become the session, or leave at once
        try:
            os.chdir(ROOT)
            argv = [sys.executable, "-m", "balint_cli", "run", "45min", "--speed", "100",
                    "--group", "Tuesday GPs", "--attendees", "6"]  # fmt: skip
            os.execve(sys.executable, argv, {**environ, "TERM": "xterm"})
        finally:
            os._exit(127)
    screen = _Screen(fd)
    if not screen.wait_for(rb"\+\d\d:\d\d over", 30.0):
        sys.exit("the session in a pseudo-terminal never showed its opening running over")
    seen = during()
    # One key at a time, each after the screen has answered the last: keys that arrive
    # together are taken as a paste, and ignored.
    answers = {b"m": rb"Marker set", b"n": rb"Case facts", b"q": rb"y/n", b"y": rb"ended early"}
    for key, answer in answers.items():
        screen.shown = b""
        os.write(fd, key)
        if not screen.wait_for(answer, _TIMEOUT):
            break
    ended = screen.wait_for(None, _TIMEOUT)  # to the end of what it says, before it is hung up
    os.close(fd)
    status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    if not ended or b"ended early" not in screen.shown or status != 0:
        sys.exit(f"the session in a pseudo-terminal did not end as asked (exit status {status})")
    return seen


class _Screen:
    """What a pseudo-terminal has shown; reading it keeps the session from blocking."""

    def __init__(self, fd: int) -> None:
        self.fd, self.shown = fd, b""

    def wait_for(self, pattern: bytes | None, seconds: float) -> bool:
        """Read until the screen has shown `pattern` (None: until the session closes its side)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if pattern is not None and re.search(pattern, self.shown):
                return True
            if select.select([self.fd], [], [], 0.05)[0]:
                try:
                    said = os.read(self.fd, 65536)
                except OSError:  # Linux: the other side is closed
                    said = b""
                if not said:
                    return pattern is None
                self.shown += said
        return False


def samples(home: Path) -> dict[str, list[Any]]:
    """Each JSON output's title, with its outputs over the shelf, made in `home`."""
    environ = env(home)
    _formats(home, environ)
    _groups(environ)
    view = _sessions(home, environ)
    logs = _json(environ, "log", "list", "--include-practice")
    return {
        "balint formats list --json": [_json(environ, "formats", "list")],
        "balint formats show --json": [
            _json(environ, "formats", "show", name) for name in ("45min", "90min", "de-45min")
        ],
        "balint plan --json": [
            _json(environ, "plan", "45min", "--start", "12:30"),
            _json(
                environ, "plan", "90min", "--cases", "1", "--start", "12:30", "--end-at", "14:30"
            ),
        ],
        "balint log list --json": [logs],
        "balint log show --json": [
            _json(environ, "log", "show", log["id"], "--include-practice") for log in logs
        ],
        "balint log summary --json": [
            _json(environ, "log", "summary", "--include-practice"),
            _json(environ, "log", "summary", "--since", "2999-01-01"),  # no session at all
        ],
        "balint log portfolio --json": [_json(environ, "log", "portfolio")],
        "balint log progress --json": [
            _json(environ, "log", "progress", "--towards", "abs"),
            _json(
                environ, "log", "progress", "--towards", "dbg",
                "--since", "2999-01-01", "--until", "2999-12-31",
            ),  # fmt: skip
            _json(environ, "log", "progress", "--towards", "psgv", "--group", "Tuesday GPs"),
        ],
        "balint groups list --json": [_json(environ, "groups", "list")],
        "balint view --web: /state.json": [view["idle"], view["running"]],
    }


# -- a shape from its samples ------------------------------------------------------------------


class Shape:
    """Every kind of value seen at one place in a JSON output, over all its samples."""

    def __init__(self) -> None:
        self.scalars: set[str] = set()
        self.fields: dict[str, Shape] | None = None
        self.objects = 0
        self.counts: dict[str, int] = {}
        self.items: Shape | None = None

    def add(self, value: Any) -> Shape:
        if isinstance(value, dict):
            self.fields = {} if self.fields is None else self.fields
            self.objects += 1
            for key, inner in value.items():
                self.fields.setdefault(key, Shape()).add(inner)
                self.counts[key] = self.counts.get(key, 0) + 1
        elif isinstance(value, list):
            self.items = Shape() if self.items is None else self.items
            for inner in value:
                self.items.add(inner)
        else:
            self.scalars.add(_kind(value))
        return self

    def lines(self, indent: str = "") -> list[str]:
        """The shape as JSON-like lines: each kind of value it took, joined by `|`."""
        parts: list[list[str]] = []
        if self.fields is not None:
            parts.append(self._object(indent))
        if self.items is not None:
            parts.append(self._list(indent))
        scalars = [kind for kind in ("string", "number", "boolean", "null") if kind in self.scalars]
        if scalars:
            parts.append([" | ".join(scalars)])
        if not parts:
            return ["nothing"]  # the item of a list that was always empty
        joined = parts[0]
        for part in parts[1:]:
            joined = [*joined[:-1], f"{joined[-1]} | {part[0]}", *part[1:]]
        return joined

    def _object(self, indent: str) -> list[str]:
        assert self.fields is not None
        lines = ["{"]
        for number, (key, inner) in enumerate(self.fields.items(), 1):
            mark = "" if self.counts[key] == self.objects else "?"
            value = inner.lines(indent + "  ")
            lines += [f'{indent}  "{key}"{mark}: {value[0]}', *value[1:]]
            lines[-1] += "," if number < len(self.fields) else ""
        return [*lines, f"{indent}}}"]

    def _list(self, indent: str) -> list[str]:
        assert self.items is not None
        if self.items.fields is None and self.items.items is None:
            return [f"[{self.items.lines()[0]}]"]
        inner = self.items.lines(indent + "  ")
        return ["[", f"{indent}  {inner[0]}", *inner[1:], f"{indent}]"]


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return "number" if isinstance(value, int | float) else "string"


def shape(outputs: list[Any]) -> str:
    """The shape of one JSON output, merged over its samples."""
    merged = Shape()
    for output in outputs:
        merged.add(output)
    return "\n".join(merged.lines())
