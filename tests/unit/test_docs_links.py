"""Every link in the README and in docs/ leads somewhere: a file there is, a heading it has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.helpers import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _prose(text: str) -> str:
    """The text outside code, where a link is a link."""
    return _CODE.sub("", _FENCE.sub("", text))


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, spaces as -, numbered repeats."""
    found: set[str] = set()
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    for heading in re.findall(r"^#{1,6} +(.+?) *#*$", text, re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        repeat, candidate = 0, slug
        while candidate in found:
            repeat += 1
            candidate = f"{slug}-{repeat}"
        found.add(candidate)
    return found


def links(page: Path) -> list[str]:
    return [
        target
        for target in _LINK.findall(_prose(page.read_text(encoding="utf-8")))
        if not re.match(r"[a-z]+:", target)  # http:, https:, mailto: lead out of the project
    ]


def _broken(page: Path, target: str) -> str | None:
    """Why a link from page is broken, or None when it leads somewhere."""
    path, _hash, anchor = target.partition("#")
    goal = (page.parent / path).resolve() if path else page
    if not goal.exists():
        return f"{page.name}: {target} names no file"
    if anchor and goal.suffix == ".md" and anchor not in anchors(goal):
        return f"{page.name}: {target} names no heading of {goal.name}"
    return None


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_link_leads_somewhere(page: Path) -> None:
    broken = [why for target in links(page) if (why := _broken(page, target))]
    assert broken == []


def test_the_docs_pages_are_all_linked_from_the_readme_or_another_page() -> None:
    reached = {
        (page.parent / target.partition("#")[0]).resolve()
        for page in PAGES
        for target in links(page)
        if target.partition("#")[0]
    }
    assert [page.name for page in PAGES[1:] if page.resolve() not in reached] == []


def test_a_link_to_no_file_or_no_heading_is_caught(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Your folder: `BALINT_HOME`\n\n## Keys\n\n## Keys\n\n"
        "[a](#your-folder-balint_home) [b](#keys-1) [c](#keys-2) [d](gone.md) `[e](#x)`\n",
        encoding="utf-8",
    )
    assert [target for target in links(page) if _broken(page, target)] == ["#keys-2", "gone.md"]
