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


def flat(value: str) -> str:
    """The text with every run of white space one space."""
    return " ".join(value.split())


class Sheet(HTMLParser):
    """What a sheet shows: its text, its heading, its facts (name: value), the rows of each
    table by its class, each row's cells, and the names under its blank fields."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.facts: dict[str, str] = {}
        self.tables: dict[str, list[list[str]]] = {}
        self.fields: list[str] = []
        self.text: list[str] = []
        self.heading = ""
        self._table = ""
        self._cell: list[str] | None = None
        self._tag = ""
        self._fact = ""
        self._in_fact = ""  # dt or dd, when inside one
        self._in_field = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag = tag
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table":
            self._table = classes[0]
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []
        elif tag == "div" and "field" in classes:
            self._in_field = True
        elif tag == "dt":
            self._fact, self._in_fact = "", tag
        elif tag == "dd":
            self.facts[self._fact], self._in_fact = "", tag

    def handle_endtag(self, tag: str) -> None:
        self._tag = ""
        if tag == "table":
            self._table = ""
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "div":
            self._in_field = False
        elif tag in ("dt", "dd"):
            self._in_fact = ""

    def handle_data(self, data: str) -> None:
        if self._tag in ("style", "title"):
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_fact == "dt":
            self._fact += data
        elif self._in_fact == "dd":
            self.facts[self._fact] += data
        elif self._tag == "h1":
            self.heading = data
        elif self._in_field and data.strip():
            self.fields.append(data)

    def rows(self, table: str) -> list[list[str]]:
        """A table's rows under its head."""
        return self.tables[table][1:] if table != "totals" else self.tables[table]

    def totals(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self.tables["totals"]}


# groups.toml for the sheets: a group ending at a set time, one co-led, one German.
GROUPS = """\
["Tuesday GPs"]
members = 8
format = "45min"
end_at = "13:15"

["Registrars"]
members = 16
format = "90min"
role = "co-lead"

["Donnerstag"]
members = 9
format = "de-90min"
end_at = "19:30"
"""


# What the members' page tells a newcomer, in each language: what a group is for, what to
# bring, and that the leaders can be spoken to afterwards.
NEWCOMER = {
    "en": (
        "What it is for. A Balint group is a small group of clinicians",
        "a patient who stays on your mind. No preparation, no notes, no names",
        "you can speak to the leaders after the session",
    ),
    "de": (
        "Wozu die Gruppe da ist. Eine Balintgruppe ist eine kleine Gruppe",
        "wenn Ihnen eine Patientin oder ein Patient nachgeht, können Sie davon berichten – "
        "ohne Vorbereitung, ohne Notizen, ohne Namen",
        "sprechen Sie die Leitung gern an",
    ),
}
