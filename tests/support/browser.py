"""A real headless browser for the tests that need one: Debian's chromium, and pdfinfo.

Tests that use it skip, with the reason, where the browser is not installed (`.ci/run`
installs both).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# Without the background-networking flags Chromium keeps trying hosts this machine cannot
# reach; a fresh profile keeps a run from depending on the last.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    """The browser's path, or skip the test saying why."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no headless Chromium installed (Debian: apt-get install chromium)")


def run(args: list[str], timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """Chromium with a fresh profile and the given arguments."""
    with tempfile.TemporaryDirectory(prefix="balint-chromium-") as profile:
        return subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def pdf_pages(page: Path, pdf: Path) -> int:
    """How many A4 pages the browser prints page on."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        pytest.skip("pdfinfo is not installed (Debian: apt-get install poppler-utils)")
    run(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()])
    assert pdf.exists(), "the browser printed nothing"
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info, info
    found = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert found is not None, info
    return int(found[1])


def dom(url: str) -> str:
    """The page at url as the browser has built it, scripts run."""
    result = run(["--virtual-time-budget=5000", "--dump-dom", url])
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout
