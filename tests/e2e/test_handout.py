"""Handouts printed by a real browser: the leader's crib at 9pt or more on two A4 pages at
most, and the members' page on one A4 page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from support import browser
from support.helpers import balint
from support.pages import NEWCOMER, Page, flat

from balint_cli.formats.builtin import BUILTIN_NAMES

GERMAN = ("de-45min", "de-90min")
NINE_POINTS = 12.0  # CSS pixels: 9pt is 12px

# Run in the page once it is drawn: the font size of every element that holds words itself,
# written into the page for --dump-dom to carry out.
_MEASURE = """<script>
const found = [];
for (const el of document.body.querySelectorAll("*")) {
  const words = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (words) found.push([parseFloat(getComputedStyle(el).fontSize), el.textContent.trim()]);
}
const out = document.createElement("pre");
out.id = "measured";
out.textContent = JSON.stringify(found);
document.body.append(out);
</script>"""


def _font_sizes(page: Path) -> list[tuple[float, str]]:
    """Each element of page that holds words, with its font size as Chromium computes it."""
    measured = page.with_name(f"measured-{page.name}")
    measured.write_text(page.read_text().replace("</body>", _MEASURE + "</body>"))
    dom = browser.dom(measured.as_uri())
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.DOTALL)
    assert found, dom[-2000:]
    return [(size, words) for size, words in json.loads(html.unescape(found[1]))]


# The leader's crib ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_the_leaders_crib_is_set_at_9pt_or_more_on_two_a4_pages_at_most(
    tmp_path: Path, name: str
) -> None:
    page = tmp_path / f"{name}.html"
    assert balint("handout", name, "--online", "-o", str(page)).exit_code == 0  # the longest
    small = [(size, words[:60]) for size, words in _font_sizes(page) if size < NINE_POINTS]
    assert small == [], "set below 9pt"
    assert browser.pdf_pages(page, tmp_path / f"{name}.pdf") <= 2


# The members' page ---------------------------------------------------------------------------



@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_the_members_page_tells_a_newcomer_three_things_on_one_a4_page(
    tmp_path: Path, name: str
) -> None:
    page = tmp_path / f"{name}-members.html"
    assert balint("handout", name, "--for", "members", "--online", "-o", str(page)).exit_code == 0
    text = flat(Page(page.read_text()).text)
    for point in NEWCOMER["de" if name in GERMAN else "en"]:
        assert point in text, point
    assert browser.pdf_pages(page, tmp_path / f"{name}.pdf") == 1


# Online rules --------------------------------------------------------------------------------


# Every page that shows the ground rules: the leader's SVG, a picture of the timeline, has none.


