"""What balint says beside its output, and the JSON it prints: the one printer of the
`Error:`, `Note:` and `Warning:` lines, each escaped and on one line (its details indented
below it), JSON, strict, an item at a time where it is long, and pages (HTML, SVG) in UTF-8;
and the output itself kept, so that one that cannot be written is said as such.

It imports nothing of balint but core.text and cli.encoding, so that every package that
says something beside its output (the live session, the web view, the catalogue) says it
here. The JSON and the console are for the commands alone.

Start-up: `json` and Rich are imported only as a command prints with them, so that
`balint --help` loads neither.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from balint_cli.cli.encoding import holds_everything
from balint_cli.core.text import inert

if TYPE_CHECKING:
    from rich.console import Console

ERROR, NOTE, WARNING = "Error: ", "Note: ", "Warning: "


def say(word: str, message: str, details: Sequence[str] = ()) -> None:
    """A line on stderr, beside the output rather than in it: the word (Error:, Note:,
    Warning:, or the same in the session's language), then the message, inert."""
    lines = [word + inert(message, one_line=True)]
    lines += [f"  {inert(detail, one_line=True)}" for detail in details]
    try:
        sys.stderr.write("\n".join(lines) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr full or closed: the status says it
        pass


def error(message: str, details: Sequence[str] = ()) -> None:
    """What went wrong, in a sentence (and a line per problem below it)."""
    say(ERROR, message, details)


def note(message: str, word: str = NOTE) -> None:
    """Something worth knowing, beside the output."""
    say(word, message)


def warning(message: str, word: str = WARNING) -> None:
    """Something that went wrong without stopping anything."""
    say(word, message)


class Lost(OSError):
    """The output (stdout) could not be written: a full disk, a device that takes nothing."""


class _Kept:
    """A stream whose failures to write are the output's, said in one sentence rather than
    met anywhere as an OSError; everything else is the stream's own."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, data: Any) -> Any:
        try:
            return self._stream.write(data)
        except OSError as err:
            raise Lost(err.errno, err.strerror) from err

    def writelines(self, lines: Iterable[Any]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as err:
            raise Lost(err.errno, err.strerror) from err

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._stream, name)
        return _Kept(found) if name == "buffer" else found  # a page in UTF-8 goes there


def keep_output() -> None:
    """stdout says when it cannot be written (as Lost), wherever it is written from."""
    if not isinstance(sys.stdout, _Kept):
        sys.stdout = _Kept(sys.stdout)


def lost(err: Lost) -> str:
    """The sentence for output that could not be written."""
    why = err.strerror or "it takes nothing more"
    return f"The output cannot be written: {why}."


def console() -> Console:
    """The terminal as Rich draws on it, markup and highlighting off."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def width() -> int:
    """The terminal's width for plain text (COLUMNS first, 80 when piped), without Rich."""
    return shutil.get_terminal_size().columns


def print_json(data: object) -> None:
    sys.stdout.write(_json_text(data) + "\n")


def print_json_items(items: Iterable[object]) -> None:
    """A JSON array, printed an item at a time exactly as print_json prints the whole list:
    a listing of a hundred thousand sessions is never held in memory."""
    start = "[\n  "
    for item in items:
        text = _json_text(item).replace("\n", "\n  ")  # its strings hold no raw newline
        sys.stdout.write(start + text)
        start = ",\n  "
    sys.stdout.write("[]\n" if start == "[\n  " else "\n]\n")


def print_page(page: str) -> None:
    """An HTML or SVG page on stdout, in UTF-8 whatever its encoding, as the page says it is."""
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None or holds_everything(sys.stdout):
        sys.stdout.write(page)
        return
    sys.stdout.flush()
    binary.write(page.encode("utf-8"))


def _json_text(data: object) -> str:
    # Strict JSON: NaN and Infinity are not JSON, and a reader of it must never meet them.
    # Where the output cannot hold every letter, \u escapes keep each one exact.
    import json

    plain = not holds_everything(sys.stdout)
    return json.dumps(data, indent=2, ensure_ascii=plain, allow_nan=False)
