"""A handout's timeline for a format of many short cases, as a real browser draws it: the
names of the cases and the numbers of the phases never run into one another or off the page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from support import browser
from support.helpers import balint, write

STEPS = (("facts", "Facts", 3), ("questions", "Questions", 2), ("talk", "Discussion", 4))
TWENTY_CASES = 'name = "Twenty cases"\n' + "".join(
    f'\n[[phases]]\nid = "{step}-{case}"\ntitle = "{title}"\nminutes = {minutes}\ncase = {case}\n'
    for case in range(1, 21)
    for step, title, minutes in STEPS
)

# Run in the page once it is drawn: every piece of text in the timeline (an HTML page's) or
# the picture (an SVG's) with its box, and the right edge of the page or picture, written
# into the page for --dump-dom to carry out.
_MEASURE = """<script>
const found = [];
const texts = document.querySelectorAll(".timeline, svg text");
for (const holder of texts) {
  const walk = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const words = walk.currentNode.textContent.trim();
    if (!words) continue;
    const range = document.createRange();
    range.selectNodeContents(walk.currentNode);
    const box = range.getBoundingClientRect();
    found.push([words, box.left, box.right, box.top, box.bottom]);
  }
}
const edge = document.querySelector("svg") || document.body;
const out = document.createElement("pre");
out.id = "measured";
out.textContent = JSON.stringify({edge: edge.getBoundingClientRect().right, found});
document.body.append(out);
</script>"""


def _drawn(page: Path) -> tuple[float, list[tuple[str, float, float, float, float]]]:
    """The right edge of page, and each piece of its timeline's text with its box."""
    source = page.read_text()
    if page.suffix == ".svg":  # set in a page of its own, to be measured there
        source = "<!DOCTYPE html><html><body>" + source.split("?>", 1)[1] + "</body></html>"
    measured = page.with_name("measured.html")
    measured.write_text(source.replace("</body>", _MEASURE + "</body>"))
    dom = browser.run(["--window-size=794,1123", "--dump-dom", measured.as_uri()])
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom.stdout, re.DOTALL)
    assert found, dom.stdout[-2000:]
    drawn = json.loads(html.unescape(found[1]))
    return drawn["edge"], [tuple(box) for box in drawn["found"]]


def _meet(
    one: tuple[str, float, float, float, float], other: tuple[str, float, float, float, float]
) -> bool:
    """Whether two boxes of text overlap by more than half a pixel either way."""
    _, left, right, top, bottom = one
    _, left2, right2, top2, bottom2 = other
    return (
        min(right, right2) - max(left, left2) > 0.5 and min(bottom, bottom2) - max(top, top2) > 0.5
    )


@pytest.mark.parametrize("kind", ["html", "svg"])
@pytest.mark.parametrize("audience", ["leader", "members"])
def test_twenty_cases_are_named_without_running_together(
    home: Path, tmp_path: Path, kind: str, audience: str
) -> None:
    write(home / "formats" / "twenty.toml", TWENTY_CASES)
    page = tmp_path / f"twenty.{kind}"
    result = balint("handout", "twenty", "--for", audience, "-o", str(page))
    assert result.exit_code == 0, result.output
    edge, boxes = _drawn(page)
    together = [
        (one[0], other[0])
        for i, one in enumerate(boxes)
        for other in boxes[i + 1 :]
        if _meet(one, other)
    ]
    assert together == []
    assert [box[0] for box in boxes if box[2] > edge + 0.5] == []
