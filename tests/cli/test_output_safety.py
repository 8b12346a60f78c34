"""What balint writes stays safe to open, and what it reads cannot break it: spreadsheet cells
that never run, a damaged message catalogue, handout file names, and no leftovers."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.helpers import SHORT_FORMAT, balint, write
from support.logfixtures import complete, fake_log, session
from typer.testing import Result

from balint_cli import i18n
from balint_cli.fs import files

AT = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
FORMULAS = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-1+1", "@SUM(A1)"]


# -- a spreadsheet cell never runs as a formula -------------------------------------------------


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("label", FORMULAS)
def test_a_group_label_never_runs_as_a_formula_in_the_portfolio(
    home: Path, tmp_path: Path, label: str
) -> None:
    fake_log(home, "20261120-1230-aaaa", complete(AT, group=label))
    target = tmp_path / "portfolio.csv"
    result = balint("log", "portfolio", "--csv", str(target))
    assert result.exit_code == 0, result.output
    (row,) = _csv_rows(target.read_text())
    assert row["groups"] == "'" + label


@pytest.mark.parametrize("label", FORMULAS)
def test_every_csv_guards_a_label_alike(home: Path, label: str) -> None:
    fake_log(home, "20261120-1230-aaaa", complete(AT, group=label))
    portfolio = balint("log", "portfolio", "--csv", "-")
    export = balint("log", "export", "--csv", "-", "--per", "session")
    assert portfolio.exit_code == 0, portfolio.output
    assert export.exit_code == 0, export.output
    (year,) = _csv_rows(portfolio.stdout)
    (sessions,) = _csv_rows(export.stdout)
    assert year["groups"] == sessions["group"] == "'" + label


# -- a damaged message catalogue: English, with a note ------------------------------------------


def _german() -> bytes:
    return (i18n.LOCALE_DIR / "de" / "LC_MESSAGES" / "balint.mo").read_bytes()


def _same_length(old: bytes, new: bytes) -> bytes:
    """The German catalogue with old replaced by new, every offset in it still right."""
    assert len(old) == len(new) and old in _german()
    return _german().replace(old, new)


def _file(data: bytes) -> Callable[[Path], object]:
    return lambda mo: write(mo, data)


def _folder(mo: Path) -> None:
    mo.mkdir(parents=True)


def _pipe(mo: Path) -> None:
    mo.parent.mkdir(parents=True)
    os.mkfifo(mo)


# Each way a catalogue can be damaged: how to make it, and what the note says of it.
DAMAGE: dict[str, tuple[Callable[[Path], object], str]] = {
    "empty": (_file(b""), "is damaged"),
    "cut short": (_file(_german()[: len(_german()) // 2]), "is damaged"),
    "not a catalogue": (_file(b"Hallo, ich bin kein Katalog.\n" * 4), "is damaged"),
    "unknown charset": (_file(_same_length(b"charset=UTF-8", b"charset=NOPE!")), "is damaged"),
    "plural by zero": (_file(_same_length(b"plural=(n != 1)", b"plural=(1 %  n)")), "is damaged"),
    "a folder": (_folder, "is a folder"),
    "a pipe": (_pipe, "is a pipe"),
}


def _damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> Path:
    """A catalogue folder whose German catalogue is damaged so; its path."""
    folder = tmp_path / "locale"
    mo = folder / "de" / "LC_MESSAGES" / "balint.mo"
    DAMAGE[damage][0](mo)
    monkeypatch.setattr(i18n, "LOCALE_DIR", folder)
    return mo


def _bounded(*args: str) -> Result:
    """balint run with args, failing the test rather than hanging it."""
    results: list[Result] = []
    worker = threading.Thread(target=lambda: results.append(balint(*args)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), f"balint {' '.join(args)} hung"
    return results[0]


@pytest.fixture
def unblock(tmp_path: Path) -> Iterator[None]:
    """After the test, let a reader waiting on a pipe in tmp_path go (as balint once did)."""
    yield
    for fifo in tmp_path.rglob("*.mo"):
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_catalogue_speaks_english_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unblock: None, damage: str
) -> None:
    mo = _damaged(tmp_path, monkeypatch, damage)
    result = _bounded("handout", "de-45min")
    assert result.exit_code == 0, result.output
    assert "## Ground rules" in result.stdout, "balint's own words in English"
    assert "# Mittagsgruppe, 45 Minuten" in result.stdout, "the format's words as they are"
    why = DAMAGE[damage][1]
    assert result.stderr == f"Note: the catalogue {mo} {why}; balint speaks English.\n"


def test_a_german_session_with_a_damaged_catalogue_runs_in_english(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mo = _damaged(tmp_path, monkeypatch, "cut short")
    result = _bounded("run", "--speed", "100000", "de-45min")
    assert result.exit_code == 0, result.output
    assert "Eröffnung ended after 3 min" in result.stdout, "balint's words in English"
    said = [line for line in result.stderr.splitlines() if "catalogue" in line]
    assert said == [f"Note: the catalogue {mo} is damaged; balint speaks English."], "once"
    assert len(list((home / "logs").glob("*.jsonl"))) == 1, "the session's log is kept"


def test_a_sound_catalogue_speaks_german_without_a_note() -> None:
    result = balint("handout", "de-45min")
    assert result.exit_code == 0, result.output
    assert "## Grundregeln" in result.stdout
    assert result.stderr == ""


# -- handout file names ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["handout.pdf", "handout.txt", "handout"])
def test_a_handout_name_of_a_kind_balint_does_not_write_is_refused(
    tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    result = balint("handout", "45min", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: -o {target} names no kind of handout balint makes: end it in .md, .html or "
        ".svg, or give -o - for the screen.\n"
    )
    assert not target.exists()


@pytest.mark.parametrize("kind", ["md", "html", "svg"])
def test_a_kind_asked_for_does_not_make_any_name_right(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "handout.pdf"
    result = balint("handout", "45min", "--format", kind, "-o", str(target))
    assert result.exit_code == 2
    assert not target.exists()


def test_o_dash_is_the_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = balint("handout", "45min", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout == balint("handout", "45min").stdout
    assert not (tmp_path / "-").exists(), "no file named -"


def test_o_dash_takes_the_kind_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = balint("handout", "45min", "--format", "svg", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<?xml")


def test_the_name_chooses_the_kind_when_format_is_not_given(tmp_path: Path) -> None:
    target = tmp_path / "handout.html"
    result = balint("handout", "45min", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("name", ["90min", "de-45min", "mine"])
def test_a_format_given_as_format_option_is_pointed_to_its_place(home: Path, name: str) -> None:
    write(home / "formats" / "mine.toml", SHORT_FORMAT)
    result = balint("handout", "--format", name)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --format must be md, html or svg, not '{name}'; {name} is a format: give it "
        f"without --format, as in balint handout {name}.\n"
    )


# -- no leftovers ------------------------------------------------------------------------------

HOUR = 3600.0


def _aged(path: Path, seconds: float) -> Path:
    """path, last changed that many seconds ago (a link itself, not what it points to)."""
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def _leftovers(folder: Path) -> dict[str, Path]:
    """What a kill might leave beside a file, and what merely looks like it."""
    other = write(folder.parent / "elsewhere.txt", "not balint's\n")
    stale = {
        "stale": write(folder / ".balint-k1ll3d_x.tmp", "half an export"),
        "fresh": write(folder / ".balint-wr1t1ngx.tmp", "another balint's write in progress"),
        "other name": write(folder / ".balint-notmine.tmp", "the user's own"),
        "longer name": write(folder / ".balint-k1ll3d_x.tmp.bak", "the user's own"),
        "other prefix": write(folder / ".other-k1ll3d_x.tmp", "another program's"),
    }
    (folder / ".balint-l1nkt0ot.tmp").symlink_to(other)
    stale["link"] = folder / ".balint-l1nkt0ot.tmp"
    for name, path in stale.items():
        _aged(path, 5 * 60 if name == "fresh" else 2 * HOUR)
    return stale


def _left(stale: dict[str, Path]) -> set[str]:
    return {name for name, path in stale.items() if os.path.lexists(path)}


# Commands that write a file the user names: their arguments, with the file's name last.
WRITES = {
    "handout": ["handout", "45min", "-o", "written.md"],
    "log export": ["log", "export", "--csv", "written.csv"],
    "portfolio": ["log", "portfolio", "--csv", "written.csv"],
}


@pytest.mark.parametrize("command", list(WRITES))
def test_a_write_clears_away_balints_stale_leftovers_beside_it(
    home: Path, tmp_path: Path, command: str
) -> None:
    session(home, "45min")
    folder = tmp_path / "out"
    stale = _leftovers(folder)
    *args, name = WRITES[command]
    result = balint(*args, str(folder / name))
    assert result.exit_code == 0, result.output
    assert _left(stale) == set(stale) - {"stale"}
    assert (tmp_path / "elsewhere.txt").read_text() == "not balint's\n", "a link's file kept"


def test_the_group_views_quick_writes_clear_them_too(tmp_path: Path) -> None:
    stale = _leftovers(tmp_path / "view")
    files.replace_quickly(tmp_path / "view" / "state.json", b"{}")
    assert _left(stale) == set(stale) - {"stale"}


def test_another_users_leftover_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = _leftovers(tmp_path / "shared")
    monkeypatch.setattr(os, "getuid", lambda: os.stat(tmp_path).st_uid + 1)
    files.replace_quickly(tmp_path / "shared" / "state.json", b"{}")
    assert _left(stale) == set(stale)
