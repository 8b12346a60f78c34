"""The web page in a real browser when its view stops answering (stopped with Ctrl-Z, or a
program other than the view on its port): it says that the view has stopped, rather than leave
the last phase on the shared screen as if the session were still there."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from http import HTTPStatus
from pathlib import Path

from support import browser
from support.fakes import view_phases

from balint_cli.core.session import Session
from balint_cli.groupview.state import Publisher
from balint_cli.groupview.web import ANSWER_SECONDS, ViewServer, _Handler, page
from balint_cli.live.screen import Look

STOPPED = "The group view has stopped."
LATE = 2.0  # seconds the page waits past the script's own wait before it is read


class _Stalling(_Handler):
    """The view's answers, until the state has been given once: then the state is answered
    as the server says (never, or with a refusal), and the page's load is held back until the
    script has had time to see it."""

    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        server = self.server
        if self.path == "/late.js":
            server.stalled.wait(20)  # the first state not answered
            server.done.wait(ANSWER_SECONDS + LATE)
            self._send(HTTPStatus.OK, "text/javascript", b"")
        elif self.path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", _with_late(server))
        elif self.path == "/state.json" and server.answered:
            server.stalled.set()
            if server.refusal is None:
                server.done.wait(20)  # a view stopped: the connection open, nothing said
            else:
                self.send_error(server.refusal)
        else:
            server.answered = self.path == "/state.json"
            super().do_GET()


def _with_late(server: ViewServer) -> bytes:
    """The view's page with a script whose late answer holds back the page's load (which is
    when the browser shows what it has), so that the view's own script runs meanwhile."""
    late = '<script src="/late.js" async></script>\n</head>'
    return page(server.said()).replace("</head>", late).encode("utf-8")


class _Server(ViewServer):
    def __init__(self, home: Path, refusal: HTTPStatus | None) -> None:
        super().__init__(0, home, "en")
        self.RequestHandlerClass = _Stalling
        self.refusal = refusal
        self.answered = False
        self.stalled = threading.Event()
        self.done = threading.Event()


@contextmanager
def _session(home: Path) -> Iterator[None]:
    """A session running in home, in its first phase."""
    session = Session(view_phases())
    session.begin()
    board = Publisher(home, 1.0, "en")
    board.publish(session.view(0.0), Look("Test", datetime.now().astimezone()))
    try:
        yield
    finally:
        board.close()


def _page_shown(home: Path, refusal: HTTPStatus | None) -> str:
    """The page as the browser shows it, once the view has stopped answering."""
    browser.chromium()
    server = _Server(home, refusal)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        with _session(home):
            result = browser.run(["--dump-dom", f"http://127.0.0.1:{server.port}/"], timeout=60)
    finally:
        server.done.set()
        server.shutdown()
        server.server_close()
        thread.join()
    assert server.stalled.is_set(), "the page asked for the state again"
    return result.stdout


def _running(dom: str) -> str:
    found = re.search(r'<body data-running="(\w+)"', dom)
    assert found is not None, dom[-2000:]
    return found[1]


def _idle(dom: str) -> str:
    found = re.search(r'<p id="idle">([^<]*)</p>', dom)
    assert found is not None, dom[-2000:]
    return found[1]


def test_a_view_that_stops_answering_is_said_to_have_stopped(home: Path) -> None:
    dom = _page_shown(home, None)
    assert _running(dom) == "false", "the last phase was left on the screen"
    assert _idle(dom) == STOPPED


def test_a_refusal_in_place_of_the_state_is_said_to_have_stopped(home: Path) -> None:
    dom = _page_shown(home, HTTPStatus.NOT_FOUND)
    assert _running(dom) == "false", "the last phase was left on the screen"
    assert _idle(dom) == STOPPED
