"""Pages given an organiser's own formats at their limits, as a real browser lays them out:
every word stays on the page and the group's view, however long."""

from __future__ import annotations

import html
import json
import re
import threading
import urllib.request
from pathlib import Path

import pytest
from support import browser
from support.helpers import balint, write
from support.views import WALL, shown

from balint_cli.groupview.web import ViewServer
from balint_cli.groupview.words import Words, words

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


# -- the group's view in a browser ------------------------------------------------------------

TITLE = ("Gruppendiskussion über die Beziehung " * 6)[:200].strip()  # a title at its limit
FOR_GROUP = ("Die Referentin lehnt sich zurück und hört zu; wir überlegen gemeinsam. " * 5)[
    :300
].strip()  # what the group does, at its limit


class _Wordy(ViewServer):
    """A view of a phase whose title and words for the group are as long as a format allows."""

    def said(self) -> Words:
        return words(shown(title=TITLE, for_group=FOR_GROUP, language="de"), WALL)


def _served(paths: tuple[str, ...]) -> list[str]:
    """What a view of the wordy phase serves at each path."""
    server = _Wordy(0, Path("."), None)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        return [
            urllib.request.urlopen(f"http://127.0.0.1:{server.port}{path}", timeout=10)
            .read()
            .decode("utf-8")
            for path in paths
        ]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# Run in the page a moment after its own script has shown the state: whether everything the
# group reads is inside the window, written into the page for --dump-dom to carry out.
_IN_WINDOW = """<script>
setTimeout(() => {
  const box = document.querySelector(".running").getBoundingClientRect();
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify([box.top, box.bottom, innerHeight]);
  document.body.append(out);
}, 2500);
</script>"""


@pytest.mark.parametrize("window", ["1280,720", "800,600"])
def test_a_long_title_and_long_words_for_the_group_fit_the_web_view(
    tmp_path: Path, window: str
) -> None:
    browser.chromium()
    (served, css, script, state) = _served(("/", "/view.css", "/view.js", "/state.json"))
    # The served page, its style and its script, with the state it fetches answered as the
    # view answers it: a file of its own, since the view's own pages run no other script.
    fetching = f"window.fetch = async () => ({{ok: true, json: async () => ({state})}});"
    page = tmp_path / "view.html"
    ran = f"<script>{fetching}\n{script}</script>"  # at the end, as `defer` runs it
    page.write_text(
        served.replace('<link rel="stylesheet" href="/view.css">', f"<style>{css}</style>")
        .replace('<script src="/view.js" defer></script>', "")
        .replace("</body>", ran + _IN_WINDOW + "</body>")
    )
    dom = browser.run(
        [f"--window-size={window}", "--virtual-time-budget=5000", "--dump-dom", page.as_uri()]
    ).stdout
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.DOTALL)
    assert found, dom[-2000:]
    (top, bottom, height) = json.loads(found[1])
    assert top >= 0, "the title's first lines above the window"
    assert bottom <= height, "what the group does below the window"
