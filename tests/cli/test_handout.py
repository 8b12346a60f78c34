"""`balint handout`: a one-page handout of a format as Markdown, printable HTML or SVG, and
the kind chosen by -o's name or --format."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from support.formats import builtin_toml
from support.helpers import SHORT_FORMAT, balint, handout_text, write
from support.pages import Page

SVG = "{http://www.w3.org/2000/svg}"
MARKUP = "[bold]x[/] <script>alert(1)</script> *stars* _under_ `tick` a | b &amp;"


def _shown(markdown: str) -> Page:
    """What a Markdown viewer shows."""
    return Page(MarkdownIt("commonmark").enable("table").render(markdown))


def _svg(source: str) -> ET.Element:
    return ET.fromstring(source.encode("utf-8"))


def _svg_text(root: ET.Element) -> str:
    """The SVG's words, its wrapped lines joined again."""
    return " ".join(" ".join(root.itertext()).split())


def _md_bars(markdown: str) -> dict[int, tuple[int, int]]:
    """Each phase's bar in the Markdown timeline: (offset, length) in characters."""
    block = markdown.split("```text\n", 1)[1].split("```", 1)[0]
    rows = re.finditer(r"^ *(\d+) ( *)(█+)$", block, re.MULTILINE)
    return {int(m[1]): (len(m[2]), len(m[3])) for m in rows}


def _percent(style: str, prop: str) -> float:
    match = re.search(rf"{prop}:([\d.]+)%", style)
    assert match, style
    return float(match[1])


# Markdown ----------------------------------------------------------------------------------


def test_markdown_to_stdout_by_default_has_every_word_of_the_format() -> None:
    out = handout_text()
    data = builtin_toml("45min")
    assert out.startswith("# 45-minute lunchtime group\n")
    shown = " ".join(_shown(out).text.split())
    assert str(data["description"]) in shown
    assert "Ground rules" in shown
    for rule in data["ground_rules"]:  # type: ignore[attr-defined]
        assert rule in shown
    phases: list[dict[str, str]] = data["phases"]  # type: ignore[assignment]
    for phase in phases:
        for field in ("title", "purpose", "prompt"):
            assert " ".join(phase[field].split()) in shown, (phase["id"], field)
    assert "45 minutes · 7 phases · 1 case" in shown


def test_markdown_timeline_is_drawn_to_scale() -> None:
    out = handout_text("45min", "--format", "md")
    bars = _md_bars(out)
    assert sorted(bars) == list(range(1, 8))
    facts, discussion = bars[2][1], bars[5][1]  # 6 and 22 minutes
    assert discussion / facts == pytest.approx(22 / 6, rel=0.06)
    for number in range(1, 7):  # each bar starts where the one before ends
        offset, length = bars[number]
        assert bars[number + 1][0] == offset + length
    assert re.search(r"^min 0 .* 45$", out, re.MULTILINE)


def test_markdown_shows_minutes_as_written_and_when_each_phase_starts(tmp_path: Path) -> None:
    text = SHORT_FORMAT.replace("minutes = 6\n", "minutes = 7.5\n").replace(
        "minutes = 2\n", "minutes = 3.5\n"
    )
    out = handout_text(str(write(tmp_path / "short.toml", text)))
    assert "| 1 | Case facts | 3.5 min | 0 |" in out
    assert "| 2 | Group discussion | 3 min | 3.5 |" in out
    assert "| 3 | Closing | 1 min | 6.5 |" in out
    assert "*3 min, from minute 3.5 to 6.5*" in out
    assert "7.5 minutes · 3 phases · 1 case" in out


def test_a_format_with_less_to_say_leaves_those_parts_out(tmp_path: Path) -> None:
    path = write(
        tmp_path / "bare.toml",
        'version = 1\nname = "Bare"\n[[phases]]\nid = "talk"\ntitle = "Talk"\nminutes = 10\n',
    )
    out = handout_text(str(path))
    assert "Ground rules" not in out
    assert "Purpose" not in out
    assert "Say:" not in out
    assert "*10 minutes · 1 phase*" in out


# HTML --------------------------------------------------------------------------------------


def test_html_is_one_balanced_page_that_prints_on_a4() -> None:
    out = handout_text("45min", "--format", "html")
    page = Page(out)
    assert page.problems == []
    assert out.startswith("<!DOCTYPE html>")
    assert "45-minute lunchtime group" in page.text
    css = out.split("<style>", 1)[1].split("</style>", 1)[0]
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", css)
    assert "print-color-adjust: exact" in css
    assert re.search(r"\.phase p, \.phase li\s*\{[^}]*break-inside:\s*avoid", css)
    phases: list[dict[str, str]] = builtin_toml("45min")["phases"]  # type: ignore[assignment]
    for phase in phases:
        assert " ".join(phase["prompt"].split()) in " ".join(page.text.split())


def test_html_fetches_nothing() -> None:
    out = handout_text("90min", "--format", "html")
    for outside in ("http", "<link", "<script", "src=", "url(", "@import"):
        assert outside not in out.lower(), outside
    assert "script" not in Page(out).tags


def test_html_timeline_is_drawn_to_scale() -> None:
    bars = Page(handout_text("45min", "--format", "html")).bars
    widths = [_percent(bar, "width") for bar in bars]
    assert len(widths) == 7
    assert sum(widths) == pytest.approx(100, abs=0.01)
    assert widths[4] / widths[1] == pytest.approx(22 / 6, rel=0.001)
    assert _percent(bars[4], "left") == pytest.approx(15 / 45 * 100, abs=0.001)


# SVG ---------------------------------------------------------------------------------------


def test_svg_is_a_picture_of_the_phases_to_scale() -> None:
    out = handout_text("45min", "--format", "svg")
    root = _svg(out)
    assert root.tag == f"{SVG}svg"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox", ""))
    rects = root.iter(f"{SVG}rect")
    widths = [float(rect.get("width", "0")) for rect in rects]
    phases: list[dict[str, float]] = builtin_toml("45min")["phases"]  # type: ignore[assignment]
    assert len(widths) == len(phases)
    per_minute = [width / phase["minutes"] for width, phase in zip(widths, phases, strict=True)]
    assert max(per_minute) == pytest.approx(min(per_minute), rel=1e-3)
    words = _svg_text(root)
    assert "45-minute lunchtime group" in words
    assert "Group discussion 22 min, from minute 15 to 37" in words
    assert "http" not in out.replace('xmlns="http://www.w3.org/2000/svg"', "")


# Every kind --------------------------------------------------------------------------------


@pytest.fixture
def markup_format(tmp_path: Path) -> Path:
    """A format whose every word looks like markup."""
    return write(
        tmp_path / "markup.toml",
        f"""\
version = 1
name = "{MARKUP}"
description = "{MARKUP}"
ground_rules = ["{MARKUP}", "- 1. # not a list"]

[[phases]]
id = "one"
title = "{MARKUP}"
minutes = 30
case = 1
prompt = "{MARKUP}"
purpose = "{MARKUP}"

[[phases]]
id = "two"
title = "Closing"
minutes = 5
""",
    )


def test_markdown_shows_markup_from_a_format_literally(markup_format: Path) -> None:
    out = handout_text(str(markup_format))
    assert "<script" not in out
    assert "*stars*" not in out
    assert "`tick`" not in out
    shown = _shown(out)
    assert "script" not in shown.tags
    assert shown.tags.count("code") == 1  # the timeline
    for tag in ("h1", "p", "li", "td", "h3", "blockquote"):
        assert shown.tags.count(tag) >= 1
    # the name, description, rule, timeline row, heading, purpose and prompt
    assert shown.text.count(MARKUP) == 7
    assert MARKUP in shown.text.split("Say:", 1)[1]
    assert "- 1. # not a list" in shown.text


def test_html_shows_markup_from_a_format_literally(markup_format: Path) -> None:
    out = handout_text(str(markup_format), "--format", "html")
    page = Page(out)
    assert page.problems == []
    assert "script" not in page.tags
    assert "<script" not in out
    # the title, name, description, rule, heading, purpose and prompt
    assert page.text.count(MARKUP) == 7
    assert f"Purpose: {MARKUP}" in page.text


def test_svg_shows_markup_from_a_format_literally(markup_format: Path) -> None:
    out = handout_text(str(markup_format), "--format", "svg")
    root = _svg(out)
    assert not list(root.iter(f"{SVG}script"))
    assert "<script" not in out
    assert root.findtext(f"{SVG}title") == MARKUP
    words = _svg_text(root)
    assert words.count(MARKUP) >= 4  # title, heading, description, phase list, purpose


@pytest.mark.parametrize(
    ("kind", "start"), [("md", "# "), ("html", "<!DOCTYPE html>"), ("svg", "<?xml")]
)
def test_o_writes_the_handout_to_a_file(tmp_path: Path, kind: str, start: str) -> None:
    target = tmp_path / f"handout.{kind}"
    result = balint("handout", "90min", "--format", kind, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {target}\n"
    written = target.read_text(encoding="utf-8")
    assert written.startswith(start)
    assert written == handout_text("90min", "--format", kind)


def test_an_unknown_kind_is_refused() -> None:
    result = balint("handout", "--format", "pdf")
    assert result.exit_code == 2
    assert result.stderr == "Error: --format must be md, html or svg, not 'pdf'.\n"
    assert result.stdout == ""


def test_90min_handout_shows_both_cases() -> None:
    out = handout_text("90min")
    assert "### 2. Case facts · Case 1" in out
    assert "### 7. Case facts · Case 2" in out
    assert "| 12 | Closing |  | 4 min | 86 |" in out
    assert "90 minutes · 12 phases · 2 cases" in out
    page = Page(handout_text("90min", "--format", "html"))
    assert page.text.count("Case 1") == 6
    assert page.text.count("Case 2") == 6  # strip, cards
    words = _svg_text(_svg(handout_text("90min", "--format", "svg")))
    assert "Case 1" in words
    assert "Case 2" in words
    assert "Clarifying questions Case 2 · 4 min, from minute 51 to 55" in words


# In a real browser ----------------------------------------------------------------------------


def test_a_second_case_repeats_the_first_by_reference_not_in_full() -> None:
    page = Page(handout_text("90min", "--format", "html"))
    assert "Same words as phase 3 (Clarifying questions)." in page.text
    assert "Same words as phase 5 (Group discussion)." in page.text
    assert page.text.count("What is it like to be this clinician") == 1


@pytest.mark.parametrize(
    ("name", "start"),
    [("h.md", "# 45-minute"), ("h.html", "<!DOCTYPE html>"), ("h.svg", "<?xml"), ("H.HTM", "<!")],
)
def test_the_kind_follows_the_name_of_the_file(tmp_path: Path, name: str, start: str) -> None:
    target = tmp_path / name
    assert balint("handout", "45min", "-o", str(target)).exit_code == 0
    assert target.read_text().startswith(start)


def test_a_kind_that_clashes_with_the_name_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "x.svg"
    result = balint("handout", "45min", "-f", "html", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --format html does not match x.svg, whose name says svg; name the file .html, "
        "or leave --format out.\n"
    )
    assert not target.exists()


def test_a_missing_folder_in_o_is_refused_not_made(tmp_path: Path) -> None:
    target = tmp_path / "typo" / "handout.html"
    result = balint("handout", "45min", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {target} cannot be written: there is no folder {target.parent}.\n"
    )
    assert not target.parent.exists()


# The members' handout -----------------------------------------------------------------------


def _words(name: str, key: str) -> list[str]:
    phases = builtin_toml(name)["phases"]
    assert isinstance(phases, list)
    return [str(phase[key]) for phase in phases if key in phase]


@pytest.mark.parametrize("kind", ["md", "html", "svg"])
@pytest.mark.parametrize("name", ["45min", "90min", "de-90min"])
def test_the_members_handout_says_what_each_phase_asks_of_them(name: str, kind: str) -> None:
    page = handout_text(name, "--for", "members", "--format", kind)
    if kind == "md":
        text = _shown(page).text
    elif kind == "html":
        text = Page(page).text
    else:
        text = _svg_text(_svg(page))
    flat = " ".join(text.split())
    for said in dict.fromkeys(_words(name, "for_group")):  # a second case may refer back
        assert " ".join(said.split()) in flat, said
    for leaders_own in [*_words(name, "prompt"), *_words(name, "purpose")]:
        assert " ".join(leaders_own.split())[:60] not in flat, leaders_own
    for said in _words(name, "interventions"):
        assert said.strip("[]'") not in flat
    rules = builtin_toml(name)["ground_rules"]
    assert isinstance(rules, list)
    assert all(" ".join(str(rule).split()) in flat for rule in rules)
    if name.startswith("de"):
        assert "Neu in der Gruppe?" in flat
        assert "Teilnehmerinnen und Teilnehmer" in flat
    else:
        assert "New to the group?" in flat
        assert "For the group's members" in flat


def test_the_members_html_handout_says_a_second_case_once() -> None:
    page = handout_text("90min", "--for", "members", "--format", "html")
    text = " ".join(Page(page).text.split())
    assert "Case 2 follows the same steps as case 1." in text
    assert text.count("The presenter listens") == 1


def test_the_leaders_handout_stays_the_default() -> None:
    assert handout_text("45min") == handout_text("45min", "--for", "leader")
    assert "Say:" in handout_text("45min")


def test_an_unknown_audience_is_refused() -> None:
    result = balint("handout", "45min", "--for", "everyone")
    assert result.exit_code == 2
    assert result.stderr == "Error: --for must be leader or members, not 'everyone'.\n"


@pytest.mark.usefixtures("no_hang")
def test_handouts_stay_well_formed_whatever_the_text(tmp_path: Path) -> None:
    tricky = SHORT_FORMAT.replace("Case facts", "Fälle 👩‍⚕️ <b>&amp; שלום ]]>")
    path = write(tmp_path / "tricky.toml", tricky)
    result = balint("handout", str(path), "--format", "svg")
    assert result.exit_code == 0, result.output
    ET.fromstring(result.stdout.encode())  # parses: well-formed XML
    for bad in ("\ufffe", "\uffff", "\ufdd0"):
        refused = balint("formats", "validate", str(write(path, tricky.replace("Fälle", bad))))
        assert refused.exit_code == 2
        assert f"U+{ord(bad):04X}" in refused.stderr


@pytest.mark.parametrize("name", ["handout.pdf", "handout.txt", "handout"])
def test_a_handout_name_of_a_kind_balint_does_not_write_is_refused(
    tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    result = balint("handout", "45min", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: -o {target} names no kind of handout balint makes: end it in .md, .html or "
        ".svg, or give -o - for the screen.\n"
    )
    assert not target.exists()


@pytest.mark.parametrize("kind", ["md", "html", "svg"])
def test_a_kind_asked_for_does_not_make_any_name_right(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "handout.pdf"
    result = balint("handout", "45min", "--format", kind, "-o", str(target))
    assert result.exit_code == 2
    assert not target.exists()


def test_o_dash_is_the_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = balint("handout", "45min", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout == balint("handout", "45min").stdout
    assert not (tmp_path / "-").exists(), "no file named -"


def test_o_dash_takes_the_kind_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = balint("handout", "45min", "--format", "svg", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<?xml")


def test_the_name_chooses_the_kind_when_format_is_not_given(tmp_path: Path) -> None:
    target = tmp_path / "handout.html"
    result = balint("handout", "45min", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("name", ["90min", "de-45min", "mine"])
def test_a_format_given_as_format_option_is_pointed_to_its_place(home: Path, name: str) -> None:
    write(home / "formats" / "mine.toml", SHORT_FORMAT)
    result = balint("handout", "--format", name)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --format must be md, html or svg, not '{name}'; {name} is a format: give it "
        f"without --format, as in balint handout {name}.\n"
    )
