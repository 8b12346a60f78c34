"""Pages as a reader meets them: an HTML page's tags, text and bars, and the words of a page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "link", "input", "wbr", "col", "area", "base", "source"}


class Page(HTMLParser):
    """The tags, text and bars of an HTML page; problems if its tags do not balance."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""
        self.bars: list[str] = []
        self.problems: list[str] = []
        self._open: list[str] = []
        self.feed(source)
        self.close()
        self.problems += [f"<{tag}> is never closed" for tag in self._open]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if found.get("class") == "bar":
            self.bars.append(found.get("style") or "")
        if tag not in VOID:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self._open[-1:]}")
            return
        self._open.pop()

    def handle_data(self, data: str) -> None:
        self.text += data


class _Text(HTMLParser):
    """The text a reader sees in an HTML or SVG page (not its style or script)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def reader_text(page: str, kind: str) -> str:
    """The words a reader sees of a handout of this kind (md, html or svg), not its markup."""
    if kind == "md":
        return re.sub(r"^```\w*$", "", page, flags=re.MULTILINE)
    reader = _Text()
    reader.feed(page)
    return " ".join(reader.parts)
