"""The commands on Windows, as far as Linux shows it: a closed window leaves a log, and
balint runs without the POSIX modules."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any, cast

import pytest
from support import helpers
from support.logfixtures import complete, fake_log, log_files, log_lines
from support.windows import FakeConsole, windows_terminal

from balint_cli.core.events import INTERRUPTED
from balint_cli.live.resume import resume
from balint_cli.terminal.windows import (
    CTRL_CLOSE_EVENT,
    WindowsTerminal,
)

# What happens at a session time: keys typed, a control event, or the window's new size.


def test_closing_the_window_leaves_a_log_to_resume(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[FakeConsole] = []

    def windows(out: Any = None, platform: str | None = None) -> WindowsTerminal:
        term, console = windows_terminal(None, {0: "", 1: CTRL_CLOSE_EVENT})
        made.append(console)
        return term

    monkeypatch.setattr("balint_cli.terminal.console.live_screen", lambda: True)
    monkeypatch.setattr("balint_cli.terminal.console.interactive", windows)
    fmt = helpers.write(home.parent / "group.toml", helpers.SHORT_FORMAT)
    result = helpers.balint("run", str(fmt))
    assert result.exit_code == 129, result.output
    assert "Stopped by the window closing. Session interrupted at" in result.stdout
    assert made
    assert made[0].mode == "old"
    (log,) = log_files(home)
    assert log_lines(log)[-1]["how"] == INTERRUPTED
    prepared, writer = resume(home, datetime.now(UTC))
    writer.close()
    assert prepared.session.index == 0




POSIX_ONLY = ("termios", "tty", "fcntl", "pty", "pwd", "grp", "resource")
_MISSING = cast(ModuleType, None)  # sys.modules[name] = None: `import name` fails


@pytest.fixture
def without_posix_modules() -> Iterator[None]:
    """The POSIX-only modules missing, as on Windows, and balint imported afresh without them.

    sys.platform stays as it is: Typer and Rich would reach for the real Windows calls.
    """
    saved = dict(sys.modules)
    for name in [n for n in sys.modules if n == "balint_cli" or n.startswith("balint_cli.")]:
        del sys.modules[name]
    sys.modules.update(dict.fromkeys(POSIX_ONLY, _MISSING))
    try:
        yield
    finally:
        for name in [n for n in sys.modules if n not in saved]:
            del sys.modules[name]
        sys.modules.update(saved)


@pytest.mark.usefixtures("without_posix_modules")
def test_balint_imports_and_its_commands_run_without_posix_modules(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ImportError):
        importlib.import_module("termios")
    package = importlib.import_module("balint_cli")
    names = [m.name for m in pkgutil.walk_packages(package.__path__, "balint_cli.")]
    assert {"balint_cli.terminal.posix", "balint_cli.terminal.windows"} <= set(names)
    for name in names:
        if name == "balint_cli.terminal.posix":  # the POSIX layer, imported only there
            with pytest.raises(ImportError):
                importlib.import_module(name)
        else:
            importlib.import_module(name)
    at = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
    fake_log(home, "20261120-1230-good", complete(at, attendees=5))
    monkeypatch.setattr(helpers, "app", importlib.import_module("balint_cli.cli.main").app)
    for command in ("plan", "formats list", "handout", "log list", "log summary"):
        result = helpers.balint(*command.split())
        assert result.exit_code == 0, (command, result.output)
    assert "balint_cli.terminal.posix" not in sys.modules
    assert all(sys.modules.get(name) is None for name in POSIX_ONLY), "still missing throughout"
