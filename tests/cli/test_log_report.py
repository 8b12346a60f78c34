"""The organiser's HTML report as a reader meets it: every big figure named, every chart
with its scale and values, and whose records a pooled one holds."""

from __future__ import annotations

import json
import re
import stat
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

from support.helpers import balint, report_page
from support.logfixtures import complete, fake_log, programme

AT = datetime(2026, 3, 3, 12, 30, tzinfo=UTC)


class _Facts(HTMLParser):
    """Each big figure of the page: its value, the name under it, and what it is out of."""

    def __init__(self) -> None:
        super().__init__()
        self.facts: list[list[str]] = []
        self._depth = 0  # inside a figure: how deep

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div" and ("class", "fact") in attrs:
            self.facts.append([])
            self._depth = 1
        elif self._depth:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth and data.strip():
            self.facts[-1].append(data.strip())


def _sessions(home: Path) -> None:
    """Four groups' sessions, a fortnight apart over four months: some co-led, some online,
    some running over, all with an attendance."""
    for n in range(32):
        at = AT + timedelta(days=14 * (n // 4), hours=n % 4)
        fake_log(
            home,
            f"{at:%Y%m%d-%H%M}-{n:04x}",
            complete(
                at,
                over=(0.0, 45.0, 200.0, 0.0)[n % 4] if n % 3 else 400.0,
                group=("Tuesday GPs", "Registrars", "Nurses", "Café Balint")[n % 4],
                attendees=4 + n % 5,
                members=9,
                setting="online" if n % 5 == 0 else "in-person",
                role="co-lead" if n % 4 == 1 else "lead",
            ),
        )


def _section(page: str, name: str) -> str:
    found = re.search(rf'<section class="{name}">(.*?)</section>', page, re.DOTALL)
    assert found is not None, f"no {name} section"
    return found[1]


def _svg_text(section: str) -> list[str]:
    """The words and numbers a chart writes on itself."""
    return re.findall(r"<text[^>]*>([^<]*)</text>", section)


def test_every_big_figure_is_named(home: Path, tmp_path: Path) -> None:
    _sessions(home)
    facts = _Facts()
    facts.feed(report_page(tmp_path))
    assert len(facts.facts) == 8
    for fact in facts.facts:
        assert len(fact) == 3, f"a value, its name and what it is out of: {fact}"
    named = {name: value for value, name, _out_of in facts.facts}
    assert (named["Sessions led"], named["Sessions co-led"]) == ("24", "8")
    assert named["Cases taken"] == "32"
    assert named["Ended on time"] == "50%"
    assert named["Sessions online"] == "7"


def test_a_pooled_report_says_whose_records_it_holds(home: Path, tmp_path: Path) -> None:
    _sessions(home)
    bundle = tmp_path / "mine.zip"
    assert balint("log", "export", "--bundle", str(bundle)).exit_code == 0
    page = report_page(tmp_path, "--from", str(bundle), "--from", str(home / "logs"))
    assert "the records of 2 sources pooled" in page


def test_every_chart_has_its_scale_and_its_values(home: Path, tmp_path: Path) -> None:
    _sessions(home)
    page = report_page(tmp_path)
    summary = json.loads(balint("log", "summary", "--json").stdout)["months"]
    months = [m["month"] for m in summary]
    assert months == ["2026-03", "2026-04", "2026-05", "2026-06"]
    on_time = _svg_text(_section(page, "on-time"))
    assert on_time[:3] == ["0%", "50%", "100%"], "the scale"
    assert on_time[3:7] == months, "the months along the foot"
    shares = [f"{m['on_time']['sessions'] / m['on_time']['of_completed']:.0%}" for m in summary]
    assert on_time[7:] == shares == ["50%", "50%", "38%", "75%"], "each month's value on its bar"
    hours = _svg_text(_section(page, "hours"))
    assert hours[:5] == ["0 h", "0.5 h", "1 h", "1.5 h", "2 h"], "the scale, in hours"
    totals = [f"{m['minutes'] / 60:.1f}" for m in summary]
    assert hours[-4:] == totals == ["1.8", "1.2", "1.3", "0.5"], "each month's hours on its bar"
    legend = re.findall(r"<span><i [^>]*></i>([^<]*)</span>", _section(page, "hours"))
    assert legend == ["in person", "online"], "two series, so a legend"
    attendance = _svg_text(_section(page, "attendance"))
    assert attendance == ["0%", "25%", "50%", "75%", "100%", *months]
    names = re.findall(r"<span><i [^>]*></i>([^<]*)</span>", _section(page, "attendance"))
    assert names == ["Café Balint", "Nurses", "Registrars", "Tuesday GPs"]


class _Figures(HTMLParser):
    """The numbers a report page carries on its elements."""

    def __init__(self) -> None:
        super().__init__()
        self.rates: dict[tuple[str, str], float] = {}
        self.on_time: dict[str, float] = {}
        self.facts: dict[str, str] = {}
        self.fetches: list[str] = []
        self._fact = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "link", "img", "iframe") or "src" in a:
            self.fetches.append(tag)
        if "data-rate" in a:
            self.rates[(a["data-group"] or "", a["data-month"] or "")] = float(a["data-rate"] or 0)
        if "data-on-time" in a:
            self.on_time[a["data-month"] or ""] = float(a["data-on-time"] or 0)
        if "data-fact" in a:
            self._fact = a["data-fact"] or ""

    def handle_data(self, data: str) -> None:
        if self._fact and data.strip():
            self.facts[self._fact] = data.strip()
            self._fact = ""


def test_the_report_is_one_self_contained_page_with_the_logs_figures(
    home: Path, tmp_path: Path
) -> None:
    programme(home)
    target = tmp_path / "report.html"
    result = balint("log", "report", "-o", str(target))
    assert result.exit_code == 0, result.output
    page = target.read_text()
    figures = _Figures()
    figures.feed(page)
    assert figures.fetches == [], "nothing fetched: no scripts, links or images"
    assert figures.rates == {
        ("Tuesday GPs", "2026-03"): 0.375,
        ("Tuesday GPs", "2026-06"): 0.75,
        ("Registrars", "2026-06"): 1.0,
    }
    assert figures.on_time == {"2026-03": 0.5, "2026-06": 1.0}
    assert figures.facts["led"] == "4"
    assert figures.facts["on-time"] == "75%"
    assert figures.facts["in-person"] == "3"
    assert figures.facts["online"] == "1"
    assert "Group discussion" in page, "which phases run over"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
