"""An SVG handout of a format written right to left, as a real browser draws it: each
phase's times stay after its title, where a left-to-right reader looks for them."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from support import browser
from support.helpers import balint, write

ARABIC = """\
name = "مجموعة بالينت"

[[phases]]
id = "facts"
title = "عرض الحالة"
minutes = 10

[[phases]]
id = "talk"
title = "نقاش المجموعة"
minutes = 25
"""

# Run in the picture once it is drawn: for each phase's line, where its title is drawn and
# where the number of minutes after it is, written into the picture for --dump-dom.
_MEASURE = """<script><![CDATA[
const found = [];
for (const line of document.querySelectorAll("text")) {
  const [title, times] = line.querySelectorAll("tspan");
  if (!times) continue;
  const words = times.firstChild;
  const at = words.textContent.search(/[0-9]/);
  const minutes = document.createRange();
  minutes.setStart(words, at);
  minutes.setEnd(words, words.textContent.indexOf(" ", at));
  found.push([title.getBoundingClientRect().right, minutes.getBoundingClientRect().left]);
}
const out = document.createElementNS("http://www.w3.org/2000/svg", "desc");
out.id = "measured";
out.textContent = JSON.stringify(found);
document.documentElement.append(out);
]]></script>"""


def test_the_minutes_stay_after_a_right_to_left_title(home: Path, tmp_path: Path) -> None:
    write(home / "formats" / "arabic.toml", ARABIC)
    picture = tmp_path / "arabic.svg"
    result = balint("handout", "arabic", "-o", str(picture))
    assert result.exit_code == 0, result.output
    measured = tmp_path / "measured.svg"
    measured.write_text(picture.read_text().replace("</svg>", _MEASURE + "</svg>"))
    dom = browser.dom(measured.as_uri())
    found = re.search(r'<desc id="measured">(.*?)</desc>', dom, re.DOTALL)
    assert found, dom[-2000:]
    lines = json.loads(html.unescape(found[1]))
    assert len(lines) == 2, lines
    assert all(minutes >= title for title, minutes in lines), lines
