"""The group's view beside a real running session: in a pseudo-terminal and in a real browser,
quiet in every state, in the session's language, and the time as the leader chose it."""

from __future__ import annotations

import http.client
import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from support import browser
from support.clock import FakeClock
from support.helpers import SHORT_FORMAT, write
from support.ptyscreen import PtyScreen, balint_argv
from support.views import WALL, view_format, view_states

from balint_cli.core.faces import OVER, PALETTE, WARN
from balint_cli.core.format import Phase
from balint_cli.core.session import Session
from balint_cli.groupview.state import Publisher
from balint_cli.groupview.web import ViewServer
from balint_cli.groupview.words import Words
from balint_cli.live.screen import Look

FOR_GROUP_FORMAT = SHORT_FORMAT.replace(
    'purpose = "The group gets the facts."',
    'purpose = "The group gets the facts."\nfor_group = "The presenter tells it; we listen."',
).replace(
    'purpose = "The heart of it."',
    'purpose = "The heart of it."\nfor_group = "We wonder together, no advice."',
)


@pytest.fixture
def started(tmp_path: Path) -> Iterator[list[PtyScreen]]:
    shown: list[PtyScreen] = []
    yield shown
    for term in shown:
        term.close()


def _view_shows(view: PtyScreen, session: PtyScreen, pattern: str, timeout: float = 10) -> None:
    """Wait for pattern on the view, reading the session's screen meanwhile (a terminal
    nobody reads from would stop the session's output, and so the session)."""
    deadline = time.monotonic() + timeout
    while True:
        session.watch(0.05)
        view.watch(0.05)
        if view.search(pattern):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{pattern!r} never came. The view:\n{view.text()}")


@pytest.mark.pty
def test_view_follows_a_session_in_another_terminal(
    started: list[PtyScreen], home: Path, tmp_path: Path
) -> None:
    fmt = write(tmp_path / "group.toml", FOR_GROUP_FORMAT)
    view = PtyScreen(balint_argv("view"), 60, 20)
    started.append(view)
    view.wait_for(r"^ *No session is running$")
    assert view.bottom() == "q leaves the view"
    session = PtyScreen(balint_argv("run", str(fmt), "--no-log"), 80, 24)
    started.append(session)
    session.wait_for(r"\d\d:\d\d left of ")
    _view_shows(view, session, r"^ *Case facts  ·  Case 1$")
    _view_shows(view, session, r"^ *about 2 min$")
    assert view.search(r"The presenter tells it; we listen\.")
    assert view.search(r"Next: Group discussion \(case 1\)")
    assert not view.search("Tell us the facts"), "never the leader's prompt"
    assert not view.search("█"), "no countdown unless asked for"
    view.resize(40, 12)
    _view_shows(view, session, r"^ *Case facts")
    assert view.bottom() == "q leaves the view"
    assert all(len(line) <= 40 for line in view.lines())
    session.press(" ")
    _view_shows(view, session, r"Paused · about 2 min")
    session.press(" ")
    session.wait_gone("PAUSED")
    session.press("n")
    _view_shows(view, session, r"^ *Group discussion")
    session.press("q")
    session.wait_for(r"End the session now\? y/n")
    session.press("y")
    assert session.wait_exit() == 0
    view.wait_for(r"^ *No session is running$")
    view.press("q")
    assert view.wait_exit() == 0


@pytest.mark.pty
def test_view_keys_do_nothing_but_q(started: list[PtyScreen]) -> None:
    view = PtyScreen(balint_argv("view"), 60, 20)
    started.append(view)
    view.wait_for(r"No session is running")
    for key in ("n", " ", "y", "\x1b", "+"):  # one at a time: a burst would be a paste
        view.press(key)
        view.watch(0.15)
    view.watch(0.3)
    assert not view.eof
    view.press("q")
    assert view.wait_exit() == 0
    out = view.raw.decode("utf-8", errors="replace")
    assert out.rfind("\x1b[?1049h") < out.rfind("\x1b[?1049l"), "still on the other screen"
    assert out.rfind("\x1b[?25l") < out.rfind("\x1b[?25h"), "the cursor is still hidden"


@pytest.mark.pty
def test_ctrl_c_leaves_the_view_with_the_terminal_restored(started: list[PtyScreen]) -> None:
    view = PtyScreen(balint_argv("view"), 60, 20)
    started.append(view)
    view.wait_for(r"No session is running")
    view.press("\x03")
    assert view.wait_exit() == 130
    out = view.raw.decode("utf-8", errors="replace")
    assert out.rfind("\x1b[?1049h") < out.rfind("\x1b[?1049l")
    assert out.rfind("\x1b[?25l") < out.rfind("\x1b[?25h")
    assert "Traceback" not in out


# -- in a real browser ------------------------------------------------------------------------


def _phases() -> list[Phase]:
    return [
        Phase(id="facts", title="Case facts", minutes=6, case=1,
              for_group="The presenter tells the case; we listen."),
        Phase(id="discussion", title="Group discussion", minutes=20, case=1, flexible=True,
              for_group="The presenter listens; we wonder together, no advice."),
    ]  # fmt: skip


class _MovingOn(ViewServer):
    """A server whose session moves on to its next phase once the page has been served:
    what the browser then shows can only have come from the page's own script."""

    def __init__(self, home: Path) -> None:
        super().__init__(0, home, None)
        self.session = Session(_phases())
        self.session.begin()
        self.look = Look("Test", datetime.now().astimezone())
        self.board = Publisher(home, 1.0, "en")
        self.board.publish(self.session.view(0.0), self.look)
        self.pages = 0

    def said(self) -> Words:
        found = super().said()
        self.pages += 1
        if self.pages == 1:  # the page itself, then the session moves on
            self.session.next(30.0)
            self.board.publish(self.session.view(30.0), self.look)
        return found


def test_the_web_view_in_a_real_browser_follows_the_session(home: Path) -> None:
    browser.chromium()
    server = _MovingOn(home)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        dom = browser.dom(f"http://127.0.0.1:{server.port}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        server.board.close()
    title = re.search(r'<h1 id="title">([^<]*)</h1>', dom)
    time = re.search(r'<p id="time">([^<]*)</p>', dom)
    assert title is not None, dom
    assert time is not None, dom
    assert title[1] == "Group discussion", "the script fetched the state and showed it"
    assert re.fullmatch(r"about \d+ min", time[1]), time[1]
    assert "we wonder together" in dom
    assert "Case facts" not in dom
    assert 'data-running="true"' in dom
    assert server.pages >= 2, "the page asked for the state by itself"


def _time_served(*args: str) -> str:
    """The time `balint view --web` serves with args, read from its /state.json."""
    view = PtyScreen(balint_argv("view", "--web", "--port", "0", *args), 140, 12)
    try:
        port = int(view.wait_for_line(r"http://127\.0\.0\.1:(\d+)/")[1])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/state.json")
        state = json.loads(connection.getresponse().read())
        connection.close()
    finally:
        view.close()
    return str(state["time"])


@pytest.mark.pty
def test_the_option_wins_over_the_setting(home: Path, running: None) -> None:
    write(home / "config.toml", 'time = "none"\n')
    assert _time_served() == "", "config.toml: none"
    assert _time_served("--time", "minutes") == "about 3 min"
    assert _time_served("--time", "clock").endswith(" left")




PAGE_TITLES = {"en": "Where the group is", "de": "Gruppenansicht"}


IDLE = {"en": "No session is running", "de": "Es läuft keine Sitzung"}


SECONDS = re.compile(r"\d+:\d\d")


LOUD = re.compile(r"\bover\b|time is up|zeit ist um|über der zeit", re.IGNORECASE)


AMBER_RED = {PALETTE[WARN], PALETTE[OVER]}


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
    scenario.states = view_states(home, view_format(language, home), scenario.clock)
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
        about = {"en": r"about \d+ min", "de": r"noch etwa \d+\xa0Min\."}[language]
        assert re.search(about, running[0].text), running[0].text
    else:
        assert not re.search(r"\d+ min", "\n".join(look.text for look in running), re.I)
    assert IDLE[language] in looks[-1].text, "the session has ended"


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_clock_is_shown_as_before_when_asked_for(home: Path, language: str) -> None:
    scenario = _Scenario(home, iter(()), language, shows="clock")
    scenario.states = view_states(home, view_format(language, home), scenario.clock)
    looks = _running(_browse(scenario), IDLE[language])
    assert SECONDS.search(looks[0].text), "the countdown, to the second"
    assert looks[0].sizes["big"] > looks[0].sizes["title"], "large"
    colours = {look.colour_of("big") for look in looks if look.state == "warn"}
    assert colours == {_rgb(PALETTE[WARN])}, "amber in the warning window"
    over = [look for look in looks if look.state == "over"]
    up = {"en": "Time is up", "de": "Die Zeit ist um"}[language]
    assert over
    assert up in over[0].text
    assert over[0].colour_of("time") == _rgb(PALETTE[OVER])


def test_the_page_keeps_a_german_session_s_language_once_it_ends(home: Path) -> None:
    scenario = _Scenario(home, iter(()), None)
    scenario.states = view_states(home, view_format("de", home), scenario.clock)
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
    scenario.states = view_states(home, view_format(language, home), scenario.clock)
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
    scenario.states = view_states(home, view_format("de", home), scenario.clock)
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
