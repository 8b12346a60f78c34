"""The group's view stays calm: every state it shows (before a session, each phase, the
warning window, past zero, paused, ended) in a real browser and in a terminal, in English and
German; no seconds, no "over" or "time is up", no amber or red, the phase and what the group
does now larger than the time, unless the leader asks for the clock; and the language of the
last session kept once it has ended."""

from __future__ import annotations

import http.client
import io
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text
from support import browser
from support.clock import FakeClock

from balint_cli.core.faces import OVER, PALETTE, WARN
from balint_cli.core.format import Format
from balint_cli.core.session import Session
from balint_cli.formats.catalogue import resolve
from balint_cli.groupview.state import Publisher, current
from balint_cli.groupview.terminal import GroupScreen, watch
from balint_cli.groupview.web import ViewServer
from balint_cli.groupview.words import Words, words
from balint_cli.i18n import use
from balint_cli.live.screen import Look

WALL = 1_800_000_000.0  # the system's clock when a session starts, in these tests
FORMATS = {"en": "45min", "de": "de-45min"}
PAGE_TITLES = {"en": "Where the group is", "de": "Gruppenansicht"}
IDLE = {"en": "No session is running", "de": "Es läuft keine Sitzung"}
SECONDS = re.compile(r"\d+:\d\d")
LOUD = re.compile(r"\bover\b|time is up|zeit ist um|über der zeit", re.IGNORECASE)
AMBER_RED = {PALETTE[WARN], PALETTE[OVER]}


def _format(language: str, home: Path) -> Format:
    return resolve(FORMATS[language], home).format


def _states(home: Path, fmt: Format, clock: FakeClock) -> Iterator[str]:
    """Each state the group may see, set up in turn in home's state file: its name."""
    yield "before"
    session = Session(fmt.phases)
    session.begin()
    board = Publisher(home, 1.0, fmt.language or "en", now=lambda: WALL + clock.t)
    look = Look("Test", datetime.now().astimezone())
    longest = max(range(len(fmt.phases)), key=lambda i: fmt.phases[i].seconds)

    def at(t: float) -> None:
        clock.t = t
        board.publish(session.view(t), look)

    for index in range(len(fmt.phases)):
        at(clock.t + 30)
        yield f"phase {index + 1}"
        if index == longest:
            session.toggle_pause(clock.t)
            at(clock.t + 100)
            yield "paused"
            session.toggle_pause(clock.t)
            at(clock.t + session.view(clock.t).remaining - 20)
            yield "warning"
            at(clock.t + 110)
            yield "past zero"
        session.next(clock.t)
    board.close()
    yield "ended"


# -- in a real browser ----------------------------------------------------------------------

# What the browser shows each time the page changes, written into the page's head as JSON:
# the text, every element's colour and size, the page's language and title, and how many
# words the last line of what the group does holds.
_PROBE = """
"use strict";
const looks = [];
function lastLineWords() {
  const element = document.getElementById("for_group"), node = element.firstChild;
  if (!node || !element.getClientRects().length) return 0;
  const range = document.createRange(), tops = [];
  for (const word of node.textContent.matchAll(/\\S+/g)) {
    range.setStart(node, word.index);
    range.setEnd(node, word.index + word[0].length);
    tops.push(Math.round(range.getBoundingClientRect().top));
  }
  return tops.filter((top) => top === tops[tops.length - 1]).length;
}
const out = document.createElement("script");
out.type = "application/json";
out.id = "probe";
document.head.append(out);
function look() {
  const sizes = {}, shown = [];
  for (const element of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(element);
    if (element.id) sizes[element.id] = parseFloat(style.fontSize);
    const own = Array.from(element.childNodes).filter((n) => n.nodeType === 3)
      .map((n) => n.textContent).join("").trim();
    if (own && element.getClientRects().length) shown.push([element.id, own, style.color]);
  }
  looks.push({lang: document.documentElement.lang, title: document.title,
    text: document.body.innerText, state: document.body.dataset.state,
    gone: document.body.dataset.gone, sizes, shown, last: lastLineWords()});
  out.textContent = JSON.stringify(looks).replaceAll("<", "\\\\u003c");
}
look();
const watching = new MutationObserver(look);
watching.observe(document.body, {subtree: true, childList: true, characterData: true,
  attributes: true});
"""


class _Probing(ThreadingHTTPServer):
    """The view's page as the view serves it, with the probe added: every other request is
    passed on to the view unchanged."""

    def __init__(self, view_port: int) -> None:
        self.view_port = view_port
        super().__init__(("127.0.0.1", 0), _ProbeHandler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class _ProbeHandler(BaseHTTPRequestHandler):
    server: _Probing

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if self.path == "/probe.js":
            kind, body = "text/javascript", _PROBE.encode()
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.server.view_port, timeout=10)
            connection.request("GET", self.path)
            answer = connection.getresponse()
            kind, body = answer.getheader("Content-Type") or "", answer.read()
            connection.close()
        if self.path == "/":
            body = body.replace(b"</head>", b'<script src="/probe.js" defer></script>\n</head>')
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _Scenario(ViewServer):
    """A view whose session moves to its next state each time the view is asked what it says:
    once for the page, then once for each of the script's looks at /state.json."""

    def __init__(self, home: Path, states: Iterator[str], language: str | None, **shows: Any):
        self.clock = FakeClock()
        self.states = states
        self.seen: list[str] = []
        super().__init__(0, home, language, now=lambda: WALL + self.clock.t, **shows)

    def said(self) -> Words:
        name = next(self.states, None)
        if name is not None:
            self.seen.append(name)
        return super().said()


@dataclass
class _Look:
    """The page as the browser showed it once."""

    lang: str
    title: str
    text: str
    state: str
    gone: str
    sizes: dict[str, float]
    shown: list[tuple[str, str, str]]  # each element with text: its id, its text, its colour
    last: int  # how many words the last line of what the group does holds (0: none shown)

    def colours(self) -> set[str]:
        return {colour for _id, _text, colour in self.shown}

    def colour_of(self, name: str) -> str:
        return next(colour for found, _text, colour in self.shown if found == name)


def _browse(server: _Scenario, size: str = "800,600") -> list[_Look]:
    """Every look of the page in a headless Chromium window of size while the scenario runs
    to its end."""
    browser.chromium()
    probing = _Probing(server.port)
    threads = [threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.05})
               for s in (server, probing)]  # fmt: skip
    for thread in threads:
        thread.start()
    try:
        address = f"http://127.0.0.1:{probing.port}/"
        dom = browser.run(
            [f"--window-size={size}", "--virtual-time-budget=20000", "--dump-dom", address]
        ).stdout
    finally:
        for served in (server, probing):
            served.shutdown()
            served.server_close()
        for thread in threads:
            thread.join()
    found = re.search(r'<script type="application/json" id="probe">(.*?)</script>', dom, re.S)
    assert found is not None, dom[-2000:]
    return [_Look(**look) for look in json.loads(found[1])]


def _rgb(colour: str) -> str:
    """#c15f00 as a browser computes it: rgb(193, 95, 0)."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def _running(looks: list[_Look], idle: str) -> list[_Look]:
    return [look for look in looks if idle not in look.text]


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("time", ["minutes", "none"])
def test_the_page_is_quiet_in_every_state(home: Path, language: str, time: str) -> None:
    clock_free = {} if time == "minutes" else {"shows": time}  # minutes: the default
    scenario = _Scenario(home, iter(()), language, **clock_free)
    scenario.states = _states(home, _format(language, home), scenario.clock)
    looks = _browse(scenario)
    assert scenario.seen[-1] == "ended", f"the page followed every state: {scenario.seen}"
    assert len(looks) >= len(scenario.seen), "a look at each state"
    amber_red = {_rgb(colour) for colour in AMBER_RED}
    for look in looks:
        assert not SECONDS.search(look.text), look.text
        assert not LOUD.search(look.text), look.text
        assert not look.colours() & amber_red, look.shown
        assert (look.lang, look.title) == (language, PAGE_TITLES[language])
    running = _running(looks, IDLE[language])
    assert len(running) >= len(scenario.seen) - 2, "each phase, paused, warning, past zero"
    for look in running:
        sizes = look.sizes
        for large in ("title", "for_group"):
            for small in ("time", "next"):
                assert sizes[large] > sizes[small], (large, small, sizes)
    paused = [look for look in running if look.state == "paused"]
    assert paused, "the pause was shown"
    word = {"en": "Paused", "de": "Pause"}[language]
    assert all(word in look.text for look in paused), "paused, said in words"
    assert paused[0].colour_of("time") == _rgb(PALETTE["paused"]), "and grey"
    if time == "minutes":
        about = {"en": r"about \d+ min", "de": r"etwa \d+\xa0Min\."}[language]
        assert re.search(about, running[0].text), running[0].text
    else:
        assert not re.search(r"\d+ min", "\n".join(look.text for look in running), re.I)
    assert IDLE[language] in looks[-1].text, "the session has ended"


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_clock_is_shown_as_before_when_asked_for(home: Path, language: str) -> None:
    scenario = _Scenario(home, iter(()), language, shows="clock")
    scenario.states = _states(home, _format(language, home), scenario.clock)
    looks = _running(_browse(scenario), IDLE[language])
    assert SECONDS.search(looks[0].text), "the countdown, to the second"
    assert looks[0].sizes["big"] > looks[0].sizes["title"], "large"
    colours = {look.colour_of("big") for look in looks if look.state == "warn"}
    assert colours == {_rgb(PALETTE[WARN])}, "amber in the warning window"
    over = [look for look in looks if look.state == "over"]
    up = {"en": "Time is up", "de": "Die Zeit ist um"}[language]
    assert over and up in over[0].text
    assert over[0].colour_of("time") == _rgb(PALETTE[OVER])


def test_the_page_keeps_a_german_session_s_language_once_it_ends(home: Path) -> None:
    scenario = _Scenario(home, iter(()), None)
    scenario.states = _states(home, _format("de", home), scenario.clock)
    looks = _browse(scenario)
    first, last = looks[0], looks[-1]
    assert (first.lang, first.title) == ("en", "Where the group is"), "the system's, before"
    assert IDLE["de"] in last.text, last.text
    assert last.lang == "de"
    assert last.title == "Gruppenansicht"
    assert last.gone == "Die Gruppenansicht ist beendet."


@pytest.mark.parametrize(
    ("language", "size"),
    [("en", "800,600"), ("en", "1280,720"), ("de", "1024,768"), ("de", "1366,768")],
)
def test_what_the_group_does_never_leaves_a_word_alone_on_its_last_line(
    home: Path, language: str, size: str
) -> None:
    scenario = _Scenario(home, iter(()), language)
    scenario.states = _states(home, _format(language, home), scenario.clock)
    looks = _running(_browse(scenario, size), IDLE[language])
    alone = [look.text.split("\n")[0] for look in looks if look.last == 1]
    assert alone == [], f"a word alone on the last line at {size}"


def _get(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    body = connection.getresponse().read().decode("utf-8")
    connection.close()
    return body


def test_the_page_and_its_state_say_the_language_and_title_after_a_german_session(
    home: Path,
) -> None:
    scenario = _Scenario(home, iter(()), None)
    scenario.states = _states(home, _format("de", home), scenario.clock)
    thread = threading.Thread(target=scenario.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        while not scenario.seen or scenario.seen[-1] != "ended":
            page = _get(scenario.port, "/")  # as a browser without scripts reloads it
        state = json.loads(_get(scenario.port, "/state.json"))
    finally:
        scenario.shutdown()
        scenario.server_close()
        thread.join()
    assert '<html lang="de">' in page
    assert "<title>Gruppenansicht</title>" in page
    assert "Es läuft keine Sitzung" in page
    assert 'data-gone="Die Gruppenansicht ist beendet."' in page
    assert (state["language"], state["idle"]) == ("de", "Es läuft keine Sitzung")
    assert (state["page_title"], state["stopped"]) == (
        "Gruppenansicht",
        "Die Gruppenansicht ist beendet.",
    )


# -- in a terminal --------------------------------------------------------------------------


def _frame(said: Words, width: int = 80, height: int = 24) -> list[Text]:
    console = Console(width=width, height=height, file=io.StringIO(), color_system="truecolor")
    return GroupScreen(said).lines(width, height, console)


def _colours(lines: list[Text]) -> set[str]:
    """The colour of every piece of text on the frame, as #rrggbb."""
    console = Console(file=io.StringIO(), color_system="truecolor")
    found = set()
    for line in lines:
        for style in [line.style, *(span.style for span in line.spans)]:
            colour = console.get_style(style).color if style else None
            if colour is not None:
                found.add(colour.get_truecolor().hex)
    return found


def _styles(line: Text) -> set[str]:
    return {str(line.style), *(str(span.style) for span in line.spans)}


def _terminal_states(home: Path, language: str, **shows: Any) -> Iterator[tuple[str, Words]]:
    """Each state in turn, and what the terminal view says of it."""
    clock = FakeClock()
    for name in _states(home, _format(language, home), clock):
        found = current(home)
        use(found.language if found else language)
        yield name, words(found, WALL + clock.t, **shows)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_terminal_view_is_quiet_in_every_state(home: Path, language: str) -> None:
    names = []
    for name, said in _terminal_states(home, language):
        names.append(name)
        lines = _frame(said)
        text = "\n".join(line.plain for line in lines)
        assert not SECONDS.search(text), (name, text)
        assert not LOUD.search(text), (name, text)
        assert not _colours(lines) & AMBER_RED, (name, _colours(lines))
        assert "█" not in text, "no big digits"
        if said.running and said.time and said.state != "paused":
            row = next(line for line in lines if line.plain.strip() == said.time)
            assert "dim" in _styles(row), f"the time dim, not {_styles(row)}"
    assert {"warning", "past zero", "paused", "ended"} <= set(names)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_terminal_shows_the_clock_when_asked_for(home: Path, language: str) -> None:
    said = dict(_terminal_states(home, language, time="clock"))
    warning = _frame(said["warning"])
    assert "█" in "\n".join(line.plain for line in warning), "the countdown, large"
    assert PALETTE[WARN] in _colours(warning)
    assert PALETTE[OVER] in _colours(_frame(said["past zero"]))


def test_discreet_never_makes_the_terminal_view_louder(home: Path) -> None:
    clock = FakeClock()
    session = Session(_format("en", home).phases)
    session.begin()
    board = Publisher(home, 1.0, "en", now=lambda: WALL + clock.t)
    board.publish(session.view(0.0), Look("Test", datetime.now().astimezone(), discreet=True))
    found = current(home)
    board.close()
    choices: list[dict[str, Any]] = [{}, {"time": "clock"}]
    for shows in choices:
        text = "\n".join(line.plain for line in _frame(words(found, WALL, **shows)))
        assert "█" not in text, f"no big digits for a discreet session: {shows}"


def test_the_terminal_view_keeps_a_german_session_s_language_once_it_ends(home: Path) -> None:
    clock = FakeClock()
    states = _states(home, _format("de", home), clock)
    console = Console(width=60, height=20, file=io.StringIO(), color_system=None)
    frames: list[str] = []

    def read(timeout: float) -> list[str]:
        frames.append(console.file.getvalue())  # type: ignore[attr-defined]
        clock.advance(6.0)  # past a look at the state file
        return [] if next(states, None) is not None else ["q"]

    watch(home, read, console, None, now=lambda: WALL + clock.t)
    assert "No session is running" in frames[0], "the system's language before"
    assert "Gruppengespräch" in frames[-2]
    end = frames[-1][len(frames[-2]) :]
    assert "Es läuft keine Sitzung" in end, end
    assert "q leaves" not in end, end
