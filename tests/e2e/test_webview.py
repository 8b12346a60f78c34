"""The web view over real sockets: it serves the state and nothing else, on this computer
alone, nobody can stall it, and every answer carries its headers."""

from __future__ import annotations

import http.client
import json
import re
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from support.fakes import view_phases
from support.helpers import balint
from support.ptyscreen import PtyScreen, balint_argv
from support.screens import STARTED

from balint_cli.core.session import Session
from balint_cli.groupview.state import Publisher
from balint_cli.groupview.web import HEADERS, ViewServer
from balint_cli.groupview.words import Words
from balint_cli.live.screen import Look

WAIT = 3.0  # seconds a test waits on a socket at most: well under the server's own 5


@contextmanager
def serving(server: ViewServer) -> Iterator[ViewServer]:
    """server answering on its own thread until the block ends."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _bound(server: ViewServer) -> int:
    """The port server really listens on (a test server may say another)."""
    return int(server.server_address[1])


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=WAIT)


def _read_to_end(conn: socket.socket) -> bytes:
    chunks = []
    while chunk := conn.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _exchange(port: int, request: bytes) -> bytes:
    """request sent on a connection of its own, and the whole answer, read to its end."""
    with _connect(port) as conn:
        conn.sendall(request)
        return _read_to_end(conn)


def _ask(
    server: ViewServer, path: str, method: str = "GET", host: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    headers = {"Host": host} if host else {}
    connection.request(method, path, headers=headers)
    answer = connection.getresponse()
    body = answer.read()
    connection.close()
    return answer.status, dict(answer.getheaders()), body


def _get(port: int, path: str = "/state.json", host: str | None = None) -> bytes:
    host_line = f"Host: {host if host is not None else f'127.0.0.1:{port}'}\r\n"
    return _exchange(port, f"GET {path} HTTP/1.1\r\n{host_line}\r\n".encode())


def _status(answer: bytes) -> str:
    return answer.split(b"\r\n", 1)[0].decode("latin-1")


def _headers(answer: bytes) -> dict[str, str]:
    head = answer.partition(b"\r\n\r\n")[0].decode("latin-1")
    return dict(line.split(": ", 1) for line in head.split("\r\n")[1:])


def _closed_by_server(conn: socket.socket) -> bool:
    """Whether the server has ended conn (waiting up to WAIT for it)."""
    try:
        return conn.recv(1) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def _reset(conn: socket.socket) -> None:
    """Close conn abruptly, as a browser tab killed mid-request does: a reset, not a goodbye."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


class _Quick(ViewServer):
    """A view whose request deadline is half a second, so a test can watch it pass."""

    request_seconds = 0.5


class _Small(ViewServer):
    """A view serving three connections at once at most."""

    most_connections = 3


class _Failing(ViewServer):
    """A view that cannot say anything: every request for the page fails."""

    def said(self) -> Words:
        raise RuntimeError("the words could not be found")


class _OnPort80(ViewServer):
    """A view that takes itself to be on port 80 (while listening on a free port)."""

    @property
    def port(self) -> int:
        return 80


# -- nobody can stall it -----------------------------------------------------------------------


def test_idle_and_half_sent_requests_do_not_hold_up_the_view(home: Path) -> None:
    with serving(ViewServer(0, home, None)) as server, ExitStack() as held:
        port = _bound(server)
        for _ in range(4):  # a browser's preconnects: open, saying nothing
            held.enter_context(_connect(port))
        trickling = held.enter_context(_connect(port))
        trickling.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1")
        answer = _get(port)
    assert _status(answer) == "HTTP/1.0 200 OK"


def test_a_request_not_whole_in_time_is_dropped_however_it_trickles(home: Path) -> None:
    with serving(_Quick(0, home, None)) as server, _connect(server.port) as conn:
        conn.sendall(b"GET / HTTP/1.1\r\nX-Slow: ")
        conn.settimeout(0.1)
        started = time.monotonic()
        dropped = False
        while not dropped and time.monotonic() - started < WAIT:
            try:
                conn.sendall(b"a")  # a byte every tenth of a second: no read ever waits long
                dropped = conn.recv(1) == b""
            except TimeoutError:
                pass
            except (ConnectionResetError, BrokenPipeError):
                dropped = True
        took = time.monotonic() - started
    assert dropped, "the trickling client was still connected"
    assert took < 2.0, f"dropped after {took:.1f} s, for a deadline of 0.5 s"


def test_connections_beyond_the_cap_are_closed_at_once_and_the_rest_still_served(
    home: Path,
) -> None:
    with serving(_Small(0, home, None)) as server:
        port = server.port
        with ExitStack() as held:
            for _ in range(3):
                held.enter_context(_connect(port))
            with _connect(port) as extra:
                assert _closed_by_server(extra), "the fourth connection was kept waiting"
        deadline = time.monotonic() + WAIT  # the three are let go as their ends are noticed
        while _get(port) == b"" and time.monotonic() < deadline:
            time.sleep(0.05)
        answers = [_status(_get(port)) for _ in range(8)]
    assert answers == ["HTTP/1.0 200 OK"] * 8, "each connection's place is freed as it ends"


@pytest.mark.pty
def test_clients_going_away_print_nothing_and_ctrl_c_still_stops_at_once() -> None:
    view = PtyScreen(balint_argv("view", "--web", "--port", "0"), 140, 12)
    try:
        port = int(view.wait_for_line(r"http://127\.0\.0\.1:(\d+)/")[1])
        half_sent = _connect(port)
        half_sent.sendall(b"GET / HTTP/1.1\r\nHost: 127")
        _reset(half_sent)
        unread = _connect(port)
        unread.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        _reset(unread)
        assert _status(_get(port)) == "HTTP/1.0 200 OK"
        view.watch(0.3)
        with _connect(port):  # one held open as Ctrl-C comes
            view.press("\x03")
            status = view.wait_exit(timeout=5)
    finally:
        view.close()
    out = view.raw.decode("utf-8", errors="replace")
    assert status == 130
    assert "Stopped." in out
    assert "Traceback" not in out, out
    assert "Exception" not in out, out


def test_a_request_that_fails_is_one_line_once_and_never_a_traceback(
    home: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    with serving(_Failing(0, home, None)) as server:
        first, second = _get(server.port, "/"), _get(server.port, "/")
        still = _get(server.port, "/view.css")
    assert (first, second) == (b"", b""), "the connection is closed, nothing half said"
    assert _status(still) == "HTTP/1.0 200 OK", "and the view goes on"
    assert capfd.readouterr().err == (
        "Warning: the web view could not answer a request "
        "(RuntimeError: the words could not be found).\n"
    )


def test_fifty_connections_at_once_are_all_taken_in(home: Path) -> None:
    with serving(ViewServer(0, home, None)) as server, ExitStack() as held:
        for n in range(50):
            try:  # under a second each: the system tries a refused connection again after one
                held.enter_context(socket.create_connection(("127.0.0.1", server.port), 0.9))
            except TimeoutError:
                pytest.fail(f"connection {n + 1} of 50 was kept waiting")
        answer = _get(server.port)
    assert _status(answer) == "HTTP/1.0 200 OK"


# -- every answer carries the view's headers -----------------------------------------------------


@pytest.mark.parametrize(
    ("request_line", "status"),
    [
        (b"GET / HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n", 505),
        (b"GET /\r\n\r\n", 505),  # HTTP/0.9: no status line, no headers, so not answered so
        (b"POST /\r\n\r\n", 400),
        (b"GET / HTTP/1.x\r\n\r\n", 400),
        (b"GET / HTTP/1.1 more\r\n\r\n", 400),
        (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n", 431),
        (b"GET / HTTP/1.1\r\n" + b"X-Many: a\r\n" * 101 + b"\r\n", 431),
    ],
)
def test_errors_carry_the_views_headers(home: Path, request_line: bytes, status: int) -> None:
    with serving(ViewServer(0, home, None)) as server:
        answer = _exchange(server.port, request_line)
    assert re.match(rf"HTTP/1\.[01] {status} ", _status(answer)), answer[:200]
    headers = _headers(answer)
    for name, value in HEADERS.items():
        assert headers.get(name) == value, f"{name} on a {status}"
    assert headers["Content-Type"] == "text/plain; charset=utf-8"


def test_refusals_carry_the_views_headers(home: Path) -> None:
    with serving(ViewServer(0, home, None)) as server:
        answers = {
            403: _get(server.port, host="attacker.example"),
            404: _get(server.port, "/logs"),
            405: _exchange(server.port, b"DELETE / HTTP/1.1\r\n\r\n"),
        }
    for status, answer in answers.items():
        assert _status(answer).startswith(f"HTTP/1.0 {status} "), answer[:200]
        assert (
            _headers(answer).get("Content-Security-Policy") == HEADERS["Content-Security-Policy"]
        ), status


# -- port 80 -----------------------------------------------------------------------------------


def test_a_view_on_port_80_answers_a_browsers_host_without_the_port(home: Path) -> None:
    with serving(_OnPort80(0, home, None)) as server:
        port = _bound(server)
        assert _status(_get(port, host="127.0.0.1")) == "HTTP/1.0 200 OK"
        assert _status(_get(port, host="localhost")) == "HTTP/1.0 200 OK"
        assert _status(_get(port, host="attacker.example")).startswith("HTTP/1.0 403 ")
        assert _status(_get(port, host=f"127.0.0.1:{port}")).startswith("HTTP/1.0 403 ")
        missing = _exchange(port, b"GET / HTTP/1.1\r\n\r\n")
        assert _status(missing).startswith("HTTP/1.0 403 ")


@pytest.fixture
def server(home: Path) -> Iterator[ViewServer]:
    served = ViewServer(0, home, None)
    thread = threading.Thread(target=served.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield served
    served.shutdown()
    served.server_close()
    thread.join()


def test_the_web_view_serves_the_state_and_nothing_else(server: ViewServer, home: Path) -> None:
    status, headers, body = _ask(server, "/")
    assert status == 200
    assert b"No session is running" in body
    board = Publisher(home, 1.0, "en")
    session = Session(view_phases())
    session.begin()
    board.publish(session.view(0.0), Look("Test", STARTED))
    status, headers, body = _ask(server, "/")
    page = body.decode("utf-8")
    assert status == 200
    assert "Case facts" in page
    assert "The presenter tells the case" in page
    assert headers["Content-Type"].startswith("text/html")
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = _ask(server, "/state.json")
    state = json.loads(body)
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert state["running"]
    assert state["title"] == "Case facts"
    assert state["case"] == "Case 1"
    assert state["next"] == "Next: Group discussion (case 1)"
    assert state["time"] == "about 2 min"
    for leaders_own in ("Tell us about", "protects the story", "Let the story"):
        assert leaders_own not in page
        assert leaders_own not in body.decode()
    assert _ask(server, "/view.js")[0] == 200
    assert _ask(server, "/view.css")[0] == 200
    board.close()


@pytest.mark.parametrize(
    "path", ["/logs", "/view.json", "/../view.json", "/state.json/x", "/index.html"]
)
def test_the_web_view_has_no_other_paths(server: ViewServer, path: str) -> None:
    assert _ask(server, path)[0] == 404


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "BREW"])
def test_the_web_view_takes_only_get(server: ViewServer, method: str) -> None:
    status, headers, _body = _ask(server, "/", method)
    assert status == 405
    assert headers["Allow"] == "GET"


def test_the_web_view_answers_only_to_its_own_address(server: ViewServer) -> None:
    assert _ask(server, "/", host=f"localhost:{server.port}")[0] == 200
    assert _ask(server, "/state.json", host="attacker.example")[0] == 403
    assert _ask(server, "/", host=f"attacker.example:{server.port}")[0] == 403


def test_the_web_view_listens_on_this_computer_alone(server: ViewServer) -> None:
    assert server.server_address[0] == "127.0.0.1"


def test_a_port_in_use_is_one_sentence_and_exit_1() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = balint("view", "--web", "--port", str(port))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: Port {port} is in use; give another with --port N (0 picks a free one).\n"
    )
