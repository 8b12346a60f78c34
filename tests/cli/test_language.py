"""The session's language through the commands: the format's, config's or the system's, and
a damaged catalogue that falls back to English with a note."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.helpers import ROOT, SHORT_FORMAT, balint, write
from typer.testing import Result

from balint_cli import i18n


def test_the_catalogues_are_compiled_and_complete() -> None:
    """Every word the code gives to the catalogue is in each .po, translated, and each .mo
    is what its .po compiles to."""
    check = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "catalogue.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_german_format_makes_a_german_handout(home: Path) -> None:
    result = balint("handout", "de-45min")
    assert result.exit_code == 0, result.output
    assert "## Grundregeln" in result.stdout
    assert "Worum es geht:" in result.stdout
    assert "Ground rules" not in result.stdout
    assert "Purpose" not in result.stdout


def test_config_language_speaks_for_a_format_that_does_not_say(home: Path) -> None:
    write(home / "config.toml", 'language = "de"\n')
    write(home / "formats" / "short.toml", SHORT_FORMAT)
    result = balint("handout", "short")
    brief = "*6\u00a0Minuten · 3\u00a0Phasen · 1\u00a0Fall*"  # a number keeps to its noun
    assert "## Grundregeln" in result.stdout
    assert brief in result.stdout


def test_the_system_locale_speaks_when_nothing_else_does(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    write(home / "formats" / "short.toml", SHORT_FORMAT)
    assert "## Grundregeln" in balint("handout", "short").stdout
    write(home / "config.toml", 'language = "en"\n')
    assert "## Ground rules" in balint("handout", "short").stdout


def test_a_bad_language_in_config_is_one_sentence(home: Path) -> None:
    write(home / "config.toml", 'language = "Deutsch!"\n')
    result = balint("handout", "45min")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "config.toml" in result.stderr
    assert "language" in result.stderr


# The format's own words are Greek, so that any Latin letter left is one of balint's own.


def _german() -> bytes:
    return (i18n.LOCALE_DIR / "de" / "LC_MESSAGES" / "balint.mo").read_bytes()


def _same_length(old: bytes, new: bytes) -> bytes:
    """The German catalogue with old replaced by new, every offset in it still right."""
    assert len(old) == len(new)
    assert old in _german()
    return _german().replace(old, new)


def _file(data: bytes) -> Callable[[Path], object]:
    return lambda mo: write(mo, data)


def _folder(mo: Path) -> None:
    mo.mkdir(parents=True)


def _pipe(mo: Path) -> None:
    mo.parent.mkdir(parents=True)
    os.mkfifo(mo)


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
