"""Pages given an organiser's own formats at their limits, as a real browser lays them out:
every word stays on the page, however long."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from support import browser
from support.helpers import balint, write

WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsgesellschaft"
LONG_WORDS = f"""\
name = "Lange Wörter"
ground_rules = ["{WORD}", "Was hier gesagt wird, bleibt hier."]

[[phases]]
id = "facts"
title = "{WORD}"
minutes = 5
prompt = "{WORD} {WORD}"
purpose = "{WORD}"
for_group = "{WORD}"

[[phases]]
id = "talk"
title = "Gruppe"
minutes = 10
"""

# Run in the page once it is drawn: the text that reaches past the right edge of the block
# it is set in (its column, its card, the page), written into the page for --dump-dom.
_MEASURE = """<script>
function box(node) {
  let el = node.parentElement;
  while (getComputedStyle(el).display === "inline") el = el.parentElement;
  return el.getBoundingClientRect();
}
const found = [];
const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walk.nextNode()) {
  const range = document.createRange();
  range.selectNodeContents(walk.currentNode);
  const text = walk.currentNode.textContent.trim();
  const right = range.getBoundingClientRect().right;
  if (text && right > box(walk.currentNode).right + 1) found.push(text.slice(0, 40));
}
const out = document.createElement("pre");
out.id = "measured";
out.textContent = JSON.stringify(found);
document.body.append(out);
</script>"""


def _beyond_their_edge(page: Path) -> list[str]:
    """The words of page that reach past their block's right edge, as Chromium draws it."""
    measured = page.with_name(f"measured-{page.name}")
    measured.write_text(page.read_text().replace("</body>", _MEASURE + "</body>"))
    dom = browser.run(["--window-size=794,1123", "--dump-dom", measured.as_uri()])
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom.stdout, re.DOTALL)
    assert found, dom.stdout[-2000:]
    return list(json.loads(html.unescape(found[1])))


@pytest.mark.parametrize("audience", ["leader", "members"])
def test_a_very_long_word_stays_on_the_handout(home: Path, tmp_path: Path, audience: str) -> None:
    write(home / "formats" / "long.toml", LONG_WORDS)
    page = tmp_path / f"{audience}.html"
    result = balint("handout", "long", "--for", audience, "-o", str(page))
    assert result.exit_code == 0, result.output
    assert _beyond_their_edge(page) == []
