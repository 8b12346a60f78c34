"""`balint view --web`: the group view as one web page, served on this computer alone.

The standard library's HTTP server, bound to 127.0.0.1, each connection on a thread of its
own, so that nobody can hold it up: a request that has not arrived whole within a few
seconds of its connection is dropped, however slowly it trickles in; beyond a cap on the
connections served at once, another is closed at once; a client that goes away says
nothing on the leader's terminal. It answers GET of its four paths and nothing else: the
page, its style, its script, and `state.json`, the words the view shows now
(groupview.words), which the script fetches every second and puts in place as text, set
smaller where the words would not fit the window (a view that does not answer within a few
seconds, or refuses, is said to have stopped). The page is drawn whole on the server too,
so it shows the state even before the script runs.
Its language, title and words are the running session's, and stay the last session's once
it has ended (before any, the user's).
Every answer, a refusal or an error too, forbids framing by other sites, caching and
guessing its type; a request naming another host (a web page trying to reach this server
through a name of its own) is refused.
"""

from __future__ import annotations

import io
import json
import socket
import sys
import threading
import time
from collections.abc import Callable
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from balint_cli.cli import output
from balint_cli.core.faces import PALETTE, PAUSED
from balint_cli.core.rules import MINUTES, GroupTime
from balint_cli.groupview.state import current
from balint_cli.groupview.words import Words, words
from balint_cli.i18n import _, language, use

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

REQUEST_SECONDS = 5.0  # for a request to arrive whole, from its connection on
MOST_CONNECTIONS = 64  # served at once; far more than browsers open, far fewer than hurt
ANSWER_SECONDS = 3.0  # for the page's script to have the state, else the view has stopped
_HOSTS = ("127.0.0.1", "localhost")
_Request = socket.socket | tuple[bytes, socket.socket]  # what socketserver calls a request
HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}

_CSS = (
    """
html, body { margin: 0; height: 100%; }
body { display: flex; flex-direction: column; align-items: center; justify-content: safe center;
  text-align: center; background: #fff; color: #111; overflow: hidden;
  font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; }
main { width: 92vw; overflow-wrap: anywhere; }
#title { font-size: calc(var(--fit, 1) * min(7vw, 9vh)); font-weight: bold; margin: 0;
  line-height: 1.1; }
#case { font-size: calc(var(--fit, 1) * min(3.2vw, 4.4vh)); color: #444; margin: 0.4vh 0 0;
  min-height: 1em; }
#big { display: none; }
#time { font-size: calc(var(--fit, 1) * min(2.6vw, 3.6vh)); color: #555; margin: 1.5vh 0 0;
  min-height: 1em; }
#for_group { font-size: calc(var(--fit, 1) * min(5vw, 7vh)); margin: 5vh auto 0;
  max-width: 70ch; line-height: 1.3; text-wrap: balance; }
#next { font-size: calc(var(--fit, 1) * min(2.6vw, 3.6vh)); color: #555; margin: 5vh 0 0; }
#idle { font-size: min(6vw, 8vh); color: #555; margin: 0; }
body[data-running="false"] .running, body[data-running="true"] #idle { display: none; }
"""
    + f'body[data-state="{PAUSED}"] #time {{ color: {PALETTE[PAUSED]}; font-weight: bold; }}\n'
    # The countdown, for a demonstration: large, in its colours, the words beneath smaller.
    + """
body[data-clock="true"] #big { display: block; font-size: calc(var(--fit, 1) * min(24vw, 34vh));
  font-weight: bold; line-height: 1; margin: 2vh 0 0; font-variant-numeric: tabular-nums;
  min-height: 1em; }
body[data-clock="true"] #time { font-size: calc(var(--fit, 1) * min(4.2vw, 6vh));
  font-weight: bold; margin: 1vh 0 0; }
body[data-clock="true"] #for_group { font-size: calc(var(--fit, 1) * min(4vw, 5.5vh));
  margin-top: 4vh; }
body[data-clock="true"] #next { font-size: calc(var(--fit, 1) * min(3vw, 4vh)); margin-top: 4vh; }
"""
    + "".join(
        f'body[data-clock="true"][data-state="{state}"] #big, '
        f'body[data-clock="true"][data-state="{state}"] #time {{ color: {colour}; }}\n'
        for state, colour in PALETTE.items()
    )
).strip()

_JS = """
"use strict";
const FIELDS = ["title", "case", "big", "time", "for_group", "next", "idle"];
function show(state) {
  for (const name of FIELDS) {
    const element = document.getElementById(name);
    if (element.textContent !== state[name]) element.textContent = state[name];
  }
  document.body.dataset.running = String(state.running);
  document.body.dataset.state = state.state;
  document.body.dataset.gone = state.stopped;
  document.documentElement.lang = state.language;
  if (document.title !== state.page_title) document.title = state.page_title;
  fit();
}
// Words too many for the window (a format's long title, long words for the group) are set
// smaller until they fit, rather than run off its top and bottom, which nobody can scroll.
function fit() {
  const main = document.querySelector("main");
  const root = document.documentElement.style;
  let scale = 1;
  root.setProperty("--fit", "1");
  while (scale > 0.2 && main.getBoundingClientRect().height > innerHeight) {
    scale *= 0.9;
    root.setProperty("--fit", String(scale));
  }
}
// A view that stopped answering (stopped with Ctrl-Z, or something else on its port) is said
// to have stopped, as one gone is: its last words are not left on the screen as if current.
async function follow() {
  try {
    const wait = AbortSignal.timeout(ANSWER_MS);
    const answer = await fetch("/state.json", {cache: "no-store", signal: wait});
    if (!answer.ok) throw new Error(answer.statusText);
    show(await answer.json());
  } catch (error) {
    document.body.dataset.running = "false";
    document.getElementById("idle").textContent = document.body.dataset.gone;
  }
  setTimeout(follow, 1000);
}
addEventListener("resize", fit);
fit();
setTimeout(follow, 1000);
""".strip().replace("ANSWER_MS", str(round(ANSWER_SECONDS * 1000)))


def page(said: Words) -> str:
    """The whole page, showing said; the script keeps it up to date."""
    fields = said.as_json()

    def part(name: str, tag: str = "p", extra: str = "") -> str:
        return f'<{tag} id="{name}"{extra}>{escape(str(fields[name]))}</{tag}>'

    running = "true" if said.running else "false"
    clock = "true" if said.clock else "false"
    gone = escape(stopped_text(), quote=True)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{language()}">',
            '<head>\n<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(page_title())}</title>",
            '<link rel="stylesheet" href="/view.css">',
            '<script src="/view.js" defer></script>',
            '<noscript><meta http-equiv="refresh" content="5"></noscript>',
            "</head>",
            f'<body data-running="{running}" data-state="{said.state}" data-clock="{clock}" '
            f'data-gone="{gone}">',
            "<main>",
            part("idle"),
            '<div class="running">',
            part("title", "h1"),
            part("case"),
            part("big"),
            part("time"),
            part("for_group"),
            part("next"),
            "</div>",
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def stopped_text() -> str:
    """What the page says when the view stops answering."""
    return _("The group view has stopped.")


def page_title() -> str:
    """The page's title, as a browser's tab or a shared window names it."""
    return _("Where the group is")


def addressed_here(host: str | None, port: int) -> bool:
    """Whether a request's Host names this view: 127.0.0.1 or localhost with its port, which
    a browser leaves out for port 80, the default (and nothing looser)."""
    named = (host or "").lower()
    return any(named == f"{name}:{port}" or (port == 80 and named == name) for name in _HOSTS)


class ViewServer(ThreadingHTTPServer):
    """The group view on 127.0.0.1:port, following the session in folder."""

    daemon_threads = True  # Ctrl-C stops the view at once, whoever is still connected
    block_on_close = False
    request_queue_size = MOST_CONNECTIONS  # a burst waits its turn in the system's queue
    request_seconds = REQUEST_SECONDS
    most_connections = MOST_CONNECTIONS

    def __init__(
        self,
        port: int,
        folder: Path,
        fallback_language: str | None,
        now: Callable[[], float] = time.time,
        shows: GroupTime = MINUTES,
    ) -> None:
        self.folder = folder
        self.spoken = fallback_language  # then the last session's: its page stays in it
        self.now = now
        self.shows = shows
        self._room = threading.BoundedSemaphore(self.most_connections)
        self._said_trouble = False
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def said(self) -> Words:
        """What the view says now, in the session's language: once it has ended, still the
        last session's; before any, the user's."""
        shown = current(self.folder)
        if shown is not None:
            self.spoken = shown.language
        use(self.spoken)
        return words(shown, self.now(), self.shows)

    def verify_request(self, request: _Request, client_address: Any) -> bool:
        """Serve a connection only while there is room: beyond the cap it is closed at once,
        and those being served go on."""
        return self._room.acquire(blocking=False)

    def finish_request(self, request: _Request, client_address: Any) -> None:
        try:
            super().finish_request(request, client_address)
        finally:
            self._room.release()

    def handle_error(self, request: _Request, client_address: Any) -> None:
        """Never a traceback on the leader's terminal: a client that went away (a reset, a
        broken pipe, a request too slow) is nobody's business; anything else, one line once."""
        trouble = sys.exception()
        if isinstance(trouble, ConnectionError | TimeoutError) or self._said_trouble:
            return
        self._said_trouble = True
        said = f"{type(trouble).__name__}: {trouble}"
        output.warning(f"the web view could not answer a request ({said}).")


class _ReadBy(io.RawIOBase):
    """A connection's bytes up to a deadline, however they trickle in: a socket's own timeout
    is for each read, and a byte every few seconds would hold it for ever."""

    def __init__(self, connection: socket.socket, deadline: float) -> None:
        super().__init__()
        self._connection = connection
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request did not arrive whole in time")
        self._connection.settimeout(left)
        return self._connection.recv_into(buffer)


class _Handler(BaseHTTPRequestHandler):
    server: ViewServer
    server_version = "balint"

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # the socket's own reader, replaced by one with a deadline
        deadline = time.monotonic() + self.server.request_seconds
        self.rfile = io.BufferedReader(_ReadBy(self.connection, deadline))

    def parse_request(self) -> bool:
        """The request line and headers; HTTP/0.9 is refused, since an answer to it has no
        status line or headers, and so none of the view's own."""
        if not super().parse_request():
            return False
        if self.request_version == "HTTP/0.9":
            self.send_error(HTTPStatus.HTTP_VERSION_NOT_SUPPORTED)
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if not addressed_here(self.headers.get("Host"), self.server.port):
            self.send_error(HTTPStatus.FORBIDDEN)
            return
        path = self.path.partition("?")[0]  # exactly one of its own paths, nothing resolved
        if path == "/":
            body = page(self.server.said()).encode("utf-8")
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", body)
        elif path == "/state.json":
            state = {
                **self.server.said().as_json(),
                "language": language(),
                "page_title": page_title(),
                "stopped": stopped_text(),
            }
            body = json.dumps(state, ensure_ascii=False).encode("utf-8")
            self._send(HTTPStatus.OK, "application/json", body)
        elif path == "/view.css":
            self._send(HTTPStatus.OK, "text/css; charset=utf-8", _CSS.encode("utf-8"))
        elif path == "/view.js":
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", _JS.encode("utf-8"))
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def __getattr__(self, name: str) -> Any:
        """Every other method (HEAD, POST, PUT, DELETE, anything): not allowed."""
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Every refusal and error as a line of plain text, with the view's headers."""
        # A request line without a version, or with HTTP/2.0, leaves the version at 0.9,
        # whose answers have no status line and no headers: the answer is 1.0 instead.
        if self.request_version == "HTTP/0.9":
            self.request_version = "HTTP/1.0"
        status = HTTPStatus(code)
        self._send(status, "text/plain; charset=utf-8", f"{status.phrase}\n".encode())

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.connection.settimeout(self.server.request_seconds)  # for the answer to go out
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in HEADERS.items():
            self.send_header(name, value)
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            self.send_header("Allow", "GET")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: the terminal is not the place for a line per request."""
