"""docs/reference.md says what the commands say: their help, and the shape of their JSON."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support.helpers import ROOT

pytestmark = pytest.mark.slow  # some thirty commands, and sessions in real time


@pytest.mark.skipif(sys.platform == "win32", reason="the shelf's session needs a pseudo-terminal")
def test_the_command_reference_is_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "reference.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
