"""German through the commands: the notes, the plain lines, the log's problems, plan,
formats and handouts, with no English among them."""

from __future__ import annotations

import functools
import html
import importlib.util
import io
import os
import re
import sys
import tomllib
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from support.helpers import ROOT, balint, write
from support.logfixtures import complete, fake_log

from balint_cli import i18n
from balint_cli.core.format import Format, Phase
from balint_cli.core.session import Session
from balint_cli.formats.builtin import builtin_dir
from balint_cli.live.panels import HELP, help_rows, key_lines
from balint_cli.live.prepare import prepare
from balint_cli.live.request import Request
from balint_cli.live.screen import Look, Overlay, SessionScreen

STARTED = datetime(2026, 11, 23, 12, 30, tzinfo=timezone(timedelta(hours=1)))


def _builtin(name: str) -> Format:
    return Format.model_validate(tomllib.loads((builtin_dir() / f"{name}.toml").read_text("utf-8")))


def _screen(session: Session, t: float, look: Look | None = None, overlay: Overlay | None = None,
            width: int = 100, height: int = 40) -> str:  # fmt: skip
    """The live screen at session time t, as plain text."""
    console = Console(width=width, height=height, file=io.StringIO(), color_system=None)
    look = look or Look("x", STARTED)
    screen = SessionScreen(view=session.view(t), look=look, overlay=overlay or Overlay())
    return "\n".join(line.plain for line in screen.lines(width, height, console))


def _started(phases: list[Phase], planned: list[float] | None = None) -> Session:
    session = Session(phases, planned)
    session.begin()
    return session


@pytest.fixture
def german() -> Iterator[None]:
    i18n.use("de")
    yield
    i18n.use("en")


def test_the_key_for_tips_is_called_tips() -> None:
    assert all("i tips" in line for line in key_lines()[:3]), key_lines()
    assert ("i", "this phase's purpose, what to say", "tips") in help_rows()
    session = _started(_builtin("45min").phases)
    help_panel = _screen(session, 5.0, overlay=Overlay(panel=HELP), width=40, height=30)
    shown = _screen(session, 5.0) + help_panel
    assert "aids" not in shown, shown
    said = " ".join(balint("run", "--help").output.split())
    assert "g ground rules, i tips," in said, said


def test_a_demo_says_its_speed_and_labels_the_purpose() -> None:
    result = balint("demo", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert "       Purpose: The leader protects the frame" in result.stdout, result.stdout
    assert "Why:" not in result.stdout
    session = _started(_builtin("45min").phases)
    look = Look("x", STARTED, show_purpose=True, badge=_demo_badge(30))
    text = _screen(session, 5.0, look)
    assert "demo, 30× speed · phase 1 of 7" in text.splitlines()[0], text
    assert re.search(r"^Purpose: The leader protects the frame", text, re.MULTILINE), text


def _demo_badge(speed: float) -> str:
    return prepare(Request(speed=speed, demo=True), STARTED).look.badge


def test_a_second_case_on_a_handout_names_the_phase_it_repeats() -> None:
    result = balint("handout", "90min", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "Same words as phase 5 (Group discussion)." in result.stdout
    assert "As 5," not in result.stdout


GERMAN_FORMATS = ("de-45min", "de-90min")
WORD = r"[A-Za-zÄÖÜäöüß]+"


def _catalogue() -> dict[str, Any]:
    """The German catalogue's entries, read as tools/catalogue.py reads them."""
    spec = importlib.util.spec_from_file_location("catalogue_tool", ROOT / "tools" / "catalogue.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = tool  # a dataclass looks up its module
    spec.loader.exec_module(tool)
    po = i18n.LOCALE_DIR / "de" / "LC_MESSAGES" / "balint.po"
    entries: dict[str, Any] = tool.read_po(po.read_text(encoding="utf-8"))
    return entries


def _prose(text: str) -> str:
    """The words of a message a reader reads as words: not its placeholders, commands,
    options or file names, which are the same in every language."""
    for code in (r"\{[^}]*\}", r"`[^`]*`", r"--?[a-z][a-z-]*", r"[\w.]+\.toml\b"):
        text = re.sub(code, " ", text)
    return text


@functools.cache
def english_words() -> frozenset[str]:
    """The words of four letters or more that only the English of the catalogue has: those of
    each message whose German differs, less every word its German messages use too (Phase,
    Name, Enter, balint)."""
    entries = _catalogue().values()
    german = {
        word.lower()
        for e in entries
        for said in e.strings
        for word in re.findall(WORD, _prose(said))
    }
    english = {
        word.lower()
        for e in entries
        if list(e.strings) != [e.msgid, *([e.plural] if e.plural else [])]
        for msgid in (e.msgid, e.plural or "")
        for word in re.findall(WORD, _prose(msgid))
        if len(word) >= 4
    }
    return frozenset(english - german)


def _english_in(text: str, *own: str) -> list[str]:
    """The English words in text, once the format's ids, names and paths (own) are taken out."""
    for words in sorted(own, key=len, reverse=True):
        text = text.replace(words, " ")
    found = re.findall(WORD, _prose(text))
    return sorted({word for word in found if word.lower() in english_words()})


def _own(name: str, home: Path | None = None) -> tuple[str, ...]:
    """What a format's output holds that is no word of balint's: its ids, name and paths."""
    fmt = _builtin(name)
    paths = [str(builtin_dir() / f"{name}.toml"), str(builtin_dir())]
    if home is not None:
        paths += [str(home / "logs"), str(home)]
    return (*paths, name, *(phase.id for phase in fmt.phases))


def test_the_notes_before_a_german_session_are_german(home: Path) -> None:
    result = balint("run", "de-45min", "--speed", "100000", "--group", "Donnerstag")
    assert result.exit_code == 0, result.output
    assert "Hinweis: „Donnerstag“ steht nicht in groups.toml" in result.stderr, result.stderr
    assert "Sitzungsprotokolle (nur Zeiten und Zahlen, nur für Sie lesbar) liegen in" in (
        result.stderr
    ), "where logs go, said the first time"
    assert _english_in(result.stdout + result.stderr, *_own("de-45min", home)) == []


def test_no_english_in_the_lines_of_a_german_session_without_a_screen(home: Path) -> None:
    assert balint("groups", "add", "Dienstag", "--members", "12").exit_code == 0
    stopped = _stopped_german(home)
    result = balint(
        "run", "de-90min", "--speed", "100000", "--group", "Dienstag", "--attendees", "14",
        "--end-at", f"{datetime.now() + timedelta(hours=2):%H:%M}", "--some-leave-at", "00:00",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    said = result.stdout + result.stderr
    assert _english_in(said, *_own("de-90min", home), stopped.stem) == [], said
    assert "Hinweis: Eine um " in result.stderr, "the offer, piped, in German"
    assert "unterbrochene Sitzung wurde nicht beendet" in result.stderr
    assert "Hinweis: 14 anwesend, mehr als die 12 Angemeldeten – vielleicht Gäste." in said


def test_a_german_log_that_cannot_be_written_says_so_in_german(home: Path) -> None:
    write(home / "logs", "a file where the logs folder should be")
    result = balint("run", "de-45min", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "Warnung: Das Sitzungsprotokoll kann nicht geschrieben werden ("
    ), result.stderr
    assert "die Sitzung läuft weiter." in result.stderr
    said = result.stdout + result.stderr  # why, in the system's words, is the path's alone
    assert _english_in(said, *_own("de-45min", home)) == [], said


def _stopped_german(home: Path, minutes_ago: float = 20) -> Path:
    """A German session killed in its group phase, minutes ago."""
    at = datetime.now().astimezone() - timedelta(minutes=minutes_ago)
    lines = complete(at, format="de-45min", auto=False)[:4]
    for outline, title in zip(lines[0]["phases"], ("Fallvorstellung", "Gruppengespräch",
                                                   "Abschlussrunde"), strict=True):  # fmt: skip
        outline["title"] = title
    log = fake_log(home, f"{at:%Y%m%d-%H%M}-dead", lines)
    stopped = (at + timedelta(seconds=130)).timestamp()
    os.utime(log, (stopped, stopped))
    return log


def _seen(page: str) -> str:
    """What a reader sees of a page: its text, not its markup, style or script."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]*>", " ", page))


CHROME = [
    ("plan", "de-90min"),
    ("plan", "de-45min", "--start", "09:00", "--end-at", "12:00"),  # stretched: a warning
    ("formats", "show", "de-45min"),
    ("formats", "show", "de-90min"),
    ("formats", "list"),
]


@pytest.mark.parametrize("args", CHROME, ids=[" ".join(args) for args in CHROME])
def test_no_english_in_the_chrome_of_plan_and_formats(
    home: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")  # formats list speaks the system's language
    result = balint(*args)
    assert result.exit_code == 0, result.output
    own = [*_own("de-45min"), *_own("de-90min")]
    if args[:2] == ("formats", "list"):  # the English built-ins' names are theirs
        own += [_builtin(name).name for name in ("45min", "60min", "90min")]
        own += ["45min", "60min", "90min"]
    assert _english_in(result.stdout, *own) == [], result.stdout


@pytest.mark.parametrize("name", GERMAN_FORMATS)
@pytest.mark.parametrize("kind", ["md", "html", "svg"])
@pytest.mark.parametrize("audience", ["leader", "members"])
def test_no_english_on_a_german_handout(name: str, kind: str, audience: str) -> None:
    result = balint("handout", name, "--format", kind, "--for", audience)
    assert result.exit_code == 0, result.output
    assert _english_in(_seen(result.stdout), *_own(name)) == [], result.stdout


def test_a_german_markdown_timeline_keeps_its_unit_apart_and_its_bars_in_line() -> None:
    result = balint("handout", "de-45min")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    ruler = next(line for line in lines if line.startswith("Min."))
    first = next(line for line in lines if line.lstrip().startswith("1 █"))
    assert ruler.startswith("Min. 0 "), ruler
    assert ruler.index("0") == first.index("█"), "the bars start at minute 0"
