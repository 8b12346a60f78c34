"""The wheel, built and installed: it carries the formats and the catalogues."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support.helpers import ROOT

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


