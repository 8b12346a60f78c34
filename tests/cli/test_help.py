"""What balint says of itself: --help and -h for every command, quickly and alike however
the app is built, flowing to the terminal's width, and --version through python -m."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from support.helpers import balint

from balint_cli import __version__


@pytest.mark.parametrize("command", [["handout"], ["run"], ["log", "report"], ["sheet"]])
def test_a_help_at_80_columns_has_no_stray_short_line(command: list[str]) -> None:
    """Within a paragraph of a command's description every line but its last is filled."""
    shown = subprocess.run(
        [sys.executable, "-m", "balint_cli", *command, "--help"],
        capture_output=True, text=True, env={"COLUMNS": "80", "PATH": "", "LANG": "C.UTF-8"},
        check=True,
    ).stdout  # fmt: skip
    described = shown.split("╭")[0].splitlines()[4:]  # under the usage line and the summary
    for line, after in zip(described, described[1:], strict=False):
        if line.strip() and after.strip():
            assert len(line.rstrip()) > 60, f"a short line inside a paragraph: {line!r}"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False)


@pytest.mark.parametrize("flag", ["-h", "--help"])
@pytest.mark.parametrize(
    "command",
    [
        [],
        ["run"],
        ["demo"],
        ["plan"],
        ["handout"],
        ["formats"],
        ["formats", "list"],
        ["formats", "show"],
        ["formats", "validate"],
        ["formats", "new"],
        ["formats", "schema"],
        ["log"],
        ["log", "list"],
        ["log", "show"],
        ["log", "summary"],
        ["log", "export"],
        ["log", "delete"],
        ["log", "edit"],
        ["log", "portfolio"],
        ["log", "report"],
        ["groups"],
        ["groups", "list"],
        ["groups", "add"],
        ["groups", "edit"],
        ["groups", "remove"],
        ["config"],
        ["config", "show"],
        ["config", "path"],
    ],
)
def test_help_everywhere(command: list[str], flag: str) -> None:
    result = _run("-m", "balint_cli", *command, flag)
    assert result.returncode == 0, result.stderr
    assert "Usage: balint" in result.stdout
    assert not re.search(r"<(bool|str|int|float|Path|list)", result.stdout), "no Python types"


def test_help_does_not_load_the_format_machinery() -> None:
    code = (
        "import sys; from balint_cli.cli import main; sys.argv = ['balint', '--help']\n"
        "try:\n    main.main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('pydantic', 'balint_cli.core.format', 'balint_cli.formats.catalogue',\n"
        "         'tomllib')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print('loaded:', heavy, file=sys.stderr)"
    )
    result = _run("-c", code)
    assert result.stderr.strip() == "loaded: []"


@pytest.mark.parametrize(
    "args",
    [["run", "-h"], ["run", "--speed", "fast"], ["run", "a", "b"], ["demo", "--bogus"]],
)
def test_the_live_commands_read_the_same_when_built_alone(args: list[str]) -> None:
    """`balint run` builds its command alone, for a quicker first frame: nothing else differs."""
    whole = balint(*args)  # the whole command line, in-process
    alone = _run("-m", "balint_cli", *args)
    assert (alone.returncode, alone.stdout, alone.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )
    assert alone.stdout or alone.stderr


def test_python_m_balint_cli_works() -> None:
    result = _run("-m", "balint_cli", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"balint {__version__}\n"
