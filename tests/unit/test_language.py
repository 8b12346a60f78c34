"""balint's own words in the session's language: the catalogue, the choice, and no word on
a screen, a plain line, the group's view or a handout that bypasses it."""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from rich.console import Console
from support.pages import reader_text
from support.screens import STARTED

from balint_cli import i18n
from balint_cli.core.format import Format, Phase
from balint_cli.core.session import Session
from balint_cli.formats.builtin import builtin_dir
from balint_cli.groupview.state import shown
from balint_cli.groupview.terminal import GroupScreen
from balint_cli.groupview.words import words
from balint_cli.live.controller import Controller
from balint_cli.live.plain import PlainPrinter
from balint_cli.live.screen import Look, Overlay, SessionScreen
from balint_cli.render.handout.kinds import render

# -- the catalogue -----------------------------------------------------------------------------


def test_english_and_german_are_shipped() -> None:
    assert i18n.available() == ["en", "de"], "English first, then each catalogue, once"
    for code in ("en", "de"):
        mo = i18n.LOCALE_DIR / code / "LC_MESSAGES" / "balint.mo"
        with mo.open("rb") as handle:
            assert gettext.GNUTranslations(handle).info()["language"] == code


# -- which language --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choices", "lang", "chosen"),
    [
        (("de", "en"), "C.UTF-8", "de"),  # the format's language first
        ((None, "de"), "C.UTF-8", "de"),  # then config.toml's
        ((None, None), "de_DE.UTF-8", "de"),  # then the system's
        ((None, None), "de_AT", "de"),
        ((None, None), "C.UTF-8", "en"),  # else English
        ((None, None), "fr_FR.UTF-8", "en"),  # a language balint cannot speak yet
        (("en", "de"), "de_DE.UTF-8", "en"),  # an English format says so
        (("fr", "de"), "C.UTF-8", "de"),
    ],
)
def test_the_language_is_the_formats_then_the_configs_then_the_systems(
    choices: tuple[str | None, str | None],
    lang: str,
    chosen: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", lang)
    assert i18n.use(*choices) == chosen == i18n.language()


# -- nothing bypasses the catalogue ----------------------------------------------------------


class _Marked(gettext.NullTranslations):
    """A language in which every word of balint's is marked, so an unmarked one shows."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"⟦{singular if n == 1 else plural}⟧"


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(i18n, "_current", _Marked())
    monkeypatch.setattr(i18n, "_language", "xx")
    yield


# The format's own words are Greek, so that any Latin letter left is one of balint's own.
GREEK = Format(
    name="Ομάδα",
    description="Περιγραφή.",
    ground_rules=["Κανόνας ένα.", "Κανόνας δύο."],
    phases=[
        Phase(id="open", title="Αρχή", minutes=2, prompt="Καλώς ήρθατε.",
              purpose="Σκοπός.", for_group="Για την ομάδα."),
        Phase(id="facts", title="Γεγονότα", minutes=6, case=1, prompt="Πείτε μας.",
              purpose="Προστατεύει.", interventions=["Μια παρέμβαση."],
              for_group="Ακούμε."),
        Phase(id="step", title="Βήμα", minutes=1, case=1, at_zero="next", for_group="Σιωπή."),
        Phase(id="talk", title="Συζήτηση", minutes=20, case=1, flexible=True,
              for_group="Αναρωτιόμαστε."),
        Phase(id="close", title="Τέλος", minutes=2, prompt="Ευχαριστώ."),
    ],
)  # fmt: skip


def _unmarked(text: str) -> list[str]:
    """Latin words left once balint's marked words are taken out (single letters are keys)."""
    rest, before = text, ""
    while rest != before:  # innermost first: a marked word may hold another
        before, rest = rest, re.sub(r"⟦[^⟦⟧]*⟧", " ", rest)
    return re.findall(r"[A-Za-z]{2,}", rest)


def _frames(session: Session, look: Look, overlay: Overlay, t: float) -> str:
    console = Console(width=200, height=60, file=io.StringIO(), color_system=None)
    screen = SessionScreen(view=session.view(t), look=look, overlay=overlay)
    return "\n".join(line.plain for line in screen.lines(200, 60, console))


def _states() -> Iterator[tuple[str, Session, Look, Overlay, float]]:
    def fresh(**look: object) -> tuple[Session, Look]:
        session = Session(GREEK.phases, target=31 * 60)
        session.begin()
        return session, Look("Ομάδα", STARTED, rules=GREEK.ground_rules, **look)  # type: ignore[arg-type]

    session, look = fresh()
    yield "first", session, look, Overlay(), 10.0
    yield "warn", session, look, Overlay(), 100.0
    yield "over", session, look, Overlay(), 200.0
    session, look = fresh(discreet=True)
    yield "discreet", session, look, Overlay(), 10.0
    yield "discreet over", session, look, Overlay(), 400.0
    session, look = fresh(
        show_purpose=True,
        rules_at_opening=True,
        badge="demo",
        leave_at=STARTED + timedelta(minutes=3),
        notice="x",
        warning="",
    )
    yield "demo", session, look, Overlay(), 10.0
    session, look = fresh()
    session.toggle_pause(30.0)
    yield "paused", session, look, Overlay(), 40.0
    control = Controller(session, look)
    for keys in (["?"], ["g"], ["i"], ["q"], ["a", "4"], ["m"], ["+"], ["d"], ["c"], ["b"]):
        session, look = fresh()
        session.next(5.0)
        control = Controller(session, look)
        for key in keys:
            control.press(key, 6.0)
        yield f"after {keys}", session, look, control.overlay, 7.0


def test_no_word_on_the_live_screen_bypasses_the_catalogue(marked: None) -> None:
    for name, session, look, overlay, t in _states():
        text = _frames(session, look, overlay, t)
        if name == "demo":
            text = text.replace("demo", "").replace(" x", "")  # the badge and notice, given
        assert _unmarked(text) == [], f"{name}:\n{text}"


def test_no_word_in_plain_lines_bypasses_the_catalogue(marked: None) -> None:
    session = Session(GREEK.phases)
    out = io.StringIO()
    printer = PlainPrinter(session, Look("Ομάδα", STARTED), out)
    for event in [*session.begin(), *session.next(60.0), *session.finish(90.0, "completed")]:
        printer.show(event)
    assert _unmarked(out.getvalue()) == [], out.getvalue()


def test_no_word_in_the_group_view_bypasses_the_catalogue(marked: None) -> None:
    session = Session(GREEK.phases)
    session.begin()
    look = Look("Ομάδα", STARTED)
    console = Console(width=100, height=30, file=io.StringIO(), color_system=None)
    for t, discreet, paused in ((10.0, False, False), (110.0, True, False), (200.0, False, True)):
        if paused:
            session.toggle_pause(t - 1)
        look.discreet = discreet
        state = shown(session.view(t), look, 1.0, "xx", 0.0)
        said = words(state, 0.0)
        text = "\n".join(line.plain for line in GroupScreen(said).lines(100, 30, console))
        assert _unmarked(text) == [], text
    assert _unmarked("\n".join(line.plain for line in GroupScreen(words(None, 0.0)).lines(
        100, 30, console))) == []  # fmt: skip


@pytest.mark.parametrize("kind", ["md", "html", "svg"])
@pytest.mark.parametrize("audience", ["leader", "members"])
def test_no_word_on_a_handout_bypasses_the_catalogue(
    marked: None, kind: str, audience: str
) -> None:
    text = reader_text(render(GREEK, kind, audience), kind)
    assert _unmarked(text) == [], text


# -- German, for real --------------------------------------------------------------------------

ENGLISH_LABELS = ("left", "Next", "Ends", "on time", "PAUSED", "nearly", "over", "pause", "quit")


def test_the_german_screen_has_no_english_label() -> None:
    i18n.use("de")
    german = Format.model_validate(
        __import__("tomllib").loads((builtin_dir() / "de-90min.toml").read_text("utf-8"))
    )
    for name, t, discreet in (("first", 10.0, False), ("over", 500.0, False), ("dis", 10.0, True)):
        session = Session(german.phases, target=90 * 60)
        session.begin()
        look = Look(german.name, STARTED, rules=german.ground_rules, discreet=discreet)
        text = _frames(session, look, Overlay(), t)
        for label in ENGLISH_LABELS:
            assert label not in text, f"{name}: {label!r} in\n{text}"
        assert re.search(r"noch \d+|über der Zeit|Zeit ist um", text), text
        assert "Als Nächstes:" in text
        assert "Ende um " in text
    control = Controller(session, look)
    control.press("q", 20.0)
    assert control.overlay.question == "Sitzung jetzt beenden? j/n"
    assert control.press("j", 21.0)[-1].kind == "session_end", "j answers yes in German"


