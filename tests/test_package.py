"""The installed package: a wheel that carries the formats, a quick --help, python -m."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT, balint

from balint_cli import __version__
from balint_cli.formats.builtin import BUILTIN_NAMES, builtin_dir


@pytest.mark.slow
def test_the_wheel_carries_the_builtin_formats_and_catalogues(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("balint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in BUILTIN_NAMES:
            packed = archive.read(f"balint_cli/formats/builtin/{name}.toml")
            assert packed == (builtin_dir() / f"{name}.toml").read_bytes()
        for code in ("en", "de"):  # the message catalogues, compiled, as gettext reads them
            for kind in ("po", "mo"):
                packed = archive.read(f"balint_cli/locale/{code}/LC_MESSAGES/balint.{kind}")
                shipped = ROOT / "balint_cli" / "locale" / code / "LC_MESSAGES" / f"balint.{kind}"
                assert packed == shipped.read_bytes()
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "balint = balint_cli.cli.main:main" in archive.read(entry_points).decode()
        metadata = archive.read(next(n for n in names if n.endswith("METADATA"))).decode()
    requires = sorted(
        line.split(":", 1)[1].split()[0].split(">")[0].split("<")[0]
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    )
    assert requires == ["pydantic", "rich", "tomli-w", "typer"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False)


def test_python_m_balint_cli_works() -> None:
    result = _run("-m", "balint_cli", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"balint {__version__}\n"


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
