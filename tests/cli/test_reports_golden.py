"""Every report, byte for byte, over the golden shelf (tests/support/golden.py).

The reports' output is kept in tests/cli/golden/; a change to any report shows here first. To
write the files anew after a change meant to alter a report, run this file with
BALINT_GOLDEN=write and read the difference before committing it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.golden import make_shelf
from support.helpers import balint

GOLDEN = Path(__file__).resolve().parent / "golden"

REPORTS: list[tuple[str, tuple[str, ...]]] = [
    ("list", ("log", "list")),
    ("list-all", ("log", "list", "--all")),
    ("list-practice", ("log", "list", "--all", "--include-practice")),
    ("list-json", ("log", "list", "--json")),
    ("list-json-practice", ("log", "list", "--json", "--include-practice")),
    ("show-last", ("log", "show", "last")),
    ("show-last-json", ("log", "show", "last", "--json")),
    ("summary", ("log", "summary")),
    ("summary-json", ("log", "summary", "--json")),
    ("summary-practice-json", ("log", "summary", "--json", "--include-practice")),
    ("summary-group", ("log", "summary", "--group", "tuesday gps")),
    ("summary-group-json", ("log", "summary", "--json", "--group", "Café Balint")),
    ("summary-span", ("log", "summary", "--since", "2026-01-01", "--until", "2026-06-30")),
    ("summary-span-json", ("log", "summary", "--json", "--since", "2026-02-10")),
    ("summary-group-span-json",
     ("log", "summary", "--json", "--group", "Registrars", "--until", "2026-03-31")),
    ("export-phase", ("log", "export", "--csv", "-")),
    ("export-session", ("log", "export", "--csv", "-", "--per", "session")),
    ("export-session-practice",
     ("log", "export", "--csv", "-", "--per", "session", "--include-practice", "--excel")),
    ("export-group", ("log", "export", "--csv", "-", "--group", "NURSES", "--since", "2026-01-01")),
    ("portfolio", ("log", "portfolio")),
    ("portfolio-json", ("log", "portfolio", "--json")),
    ("portfolio-csv", ("log", "portfolio", "--csv", "-")),
    ("portfolio-since-json", ("log", "portfolio", "--json", "--since", "2026-01-01")),
]  # fmt: skip
REPORT_PAGES: list[tuple[str, tuple[str, ...]]] = [
    ("report", ()),
    ("report-group", ("--group", "Tuesday GPs", "--since", "2025-10-01")),
    ("report-practice", ("--include-practice", "--until", "2026-05-31")),
]


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    """The shelf, made once for every comparison; BALINT_HOME points at it in each test."""
    home = tmp_path_factory.mktemp("golden") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BALINT_HOME", str(home))
        patch.setenv("COLUMNS", "100")
        patch.setenv("NO_COLOR", "1")
        ids = make_shelf(home, patch)
    yield home, ids


@pytest.fixture
def shelved(shelf: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("BALINT_HOME", str(shelf[0]))
    return shelf[1]


def _compare(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("BALINT_GOLDEN") == "write":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from {path}"


@pytest.mark.parametrize(("name", "args"), REPORTS, ids=[name for name, _ in REPORTS])
def test_a_report_is_as_it_was(shelved: list[str], name: str, args: tuple[str, ...]) -> None:
    result = balint(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr == "", "no note on a sound shelf"
    _compare(name, result.stdout)


@pytest.mark.parametrize("at", [0, 1, 7, 23, 41])
def test_a_shown_session_is_as_it_was(shelved: list[str], at: int) -> None:
    text = balint("log", "show", shelved[at]).stdout
    data = balint("log", "show", shelved[at], "--json").stdout
    _compare(f"show-{at}", text + data)


def _made_on(page: str) -> str:
    """The page without the day it was made, which is today."""
    return re.sub(r"made by balint on \d\d \w+ \d{4}", "made by balint on DAY", page)


@pytest.mark.parametrize(("name", "args"), REPORT_PAGES, ids=[n for n, _ in REPORT_PAGES])
def test_a_report_page_is_as_it_was(
    shelved: list[str], tmp_path: Path, name: str, args: tuple[str, ...]
) -> None:
    target = tmp_path / f"{name}.html"
    result = balint("log", "report", "-o", str(target), *args)
    assert result.exit_code == 0, result.output
    said = result.stdout.replace(str(target), "PAGE")
    _compare(name, said + _made_on(target.read_text(encoding="utf-8")))


def test_pooled_reports_are_as_they_were(
    shelf: tuple[Path, list[str]], shelved: list[str], tmp_path: Path
) -> None:
    """The shelf handed on as a bundle and as a folder, and reported on from there."""
    bundle = tmp_path / "mine.zip"
    made = balint("log", "export", "--bundle", str(bundle), "--since", "2025-12-01")
    assert made.exit_code == 0, made.output
    folder = tmp_path / "older"
    folder.mkdir()
    for name in shelved[:20]:
        shutil.copy(shelf[0] / "logs" / f"{name}.jsonl", folder)
    pooled = ["--from", str(bundle), "--from", str(folder)]
    out = [made.stdout.replace(str(bundle), "BUNDLE")]
    for args in (
        ("log", "summary", "--json", *pooled),
        ("log", "list", "--all", *pooled),
        ("log", "portfolio", "--json", "--from", str(bundle)),
        ("log", "summary", "--group", "registrars", "--from", str(folder)),
    ):
        result = balint(*args)
        assert result.exit_code == 0, result.output
        out.append(result.stdout)
    _compare("pooled", "".join(out))


def test_the_reports_are_the_same_the_second_time(shelved: list[str]) -> None:
    """Asked again over the same logs (through whatever balint kept), nothing changes."""
    for name, args in REPORTS[:12]:
        _compare(name, balint(*args).stdout)
