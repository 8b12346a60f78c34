"""Output in any encoding: readable where a letter is missing, exact in JSON and web pages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from support.logfixtures import complete, fake_log

# Each would have been read as a number the leader never saw written: 3, 10, 0, 38103, 13:15.


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
    assert "Traceback" not in err, err
    assert "Error" not in err, err
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
    assert "<h3>1. Eröffnung</h3>" in page.stdout.decode("utf-8"), "UTF-8, as the page says"
