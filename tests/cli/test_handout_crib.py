"""The handouts as a leader and a newcomer use them: the leader's crib labels the words to say
and carries the interventions; the members' page tells a newcomer what the group is for,
what to bring and that nobody is assessed; the online rules after the ground rules."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import tomli_w
from support.formats import builtin_toml
from support.helpers import SHORT_FORMAT, handout_text, write
from support.pages import NEWCOMER, Page, flat

from balint_cli.formats.builtin import BUILTIN_NAMES

GERMAN = ("de-45min", "de-90min")

# Run in the page once it is drawn: the font size of every element that holds words itself,
# written into the page for --dump-dom to carry out.


def _text(*args: str) -> str:
    """What a reader reads on an HTML handout, its spaces as one."""
    return " ".join(Page(handout_text(*args, "--format", "html")).text.split())


def _phases(name: str) -> list[dict[str, object]]:
    phases = builtin_toml(name)["phases"]
    assert isinstance(phases, list)
    return phases


def _read(page: str, kind: str) -> str:
    """What a reader reads of a handout of any kind, its spaces as one."""
    if kind == "html":
        return flat(Page(page).text)
    if kind == "svg":
        return flat(" ".join(ET.fromstring(page.encode("utf-8")).itertext()))
    return flat(page.replace("**", ""))


# The leader's crib ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_the_leaders_html_labels_the_words_to_say(name: str) -> None:
    text = _text(name)
    label = "Sie können sagen:" if name in GERMAN else "Say:"
    said = {flat(str(phase["prompt"])) for phase in _phases(name)}
    shown = [words for words in said if f"{label} {words}" in text]
    assert len(shown) == len(said), f"unlabelled: {said - set(shown)}"


@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_the_leaders_html_carries_every_intervention(name: str) -> None:
    text = _text(name)
    label = "Interventionen:" if name in GERMAN else "Interventions:"
    assert label in text
    for phase in _phases(name):
        for said in phase.get("interventions", []):  # type: ignore[attr-defined]
            assert flat(said) in text, said


def test_the_html_gives_each_phase_its_times_once() -> None:
    """The cards say when each phase falls; the strip above them draws it, with no table of
    the same times beside it."""
    page = Page(handout_text("90min", "--format", "html"))
    assert "table" not in page.tags
    assert flat(page.text).count("26 min, from minute 15 to 41") == 1


@pytest.mark.parametrize("kind", ["md", "html", "svg"])
def test_a_one_case_format_does_not_name_its_case(kind: str) -> None:
    for audience in ("leader", "members"):
        page = handout_text("45min", "--for", audience, "--format", kind)
        assert "Case 1" not in page, audience
    assert "Case 1" in handout_text("90min", "--format", kind)


def test_the_markdown_crib_labels_the_words_to_say_and_starts_at_minute_0() -> None:
    out = handout_text("de-90min")
    assert "**Sie können sagen:**\n\n> Herzlich willkommen." in out
    assert "| # | Phase | Dauer | Ab Minute |" in out
    assert "| 1 | Eröffnung | 7\u00a0Min. | 0 |" in out
    assert "| 0\u00a0Min. |" not in out, "no Beginn 0 Min."


# The members' page ---------------------------------------------------------------------------



@pytest.mark.parametrize("kind", ["md", "svg"])
@pytest.mark.parametrize("name", ["45min", "de-45min"])
def test_every_kind_of_members_page_tells_a_newcomer(name: str, kind: str) -> None:
    out = _read(handout_text(name, "--for", "members", "--format", kind), kind)
    for point in NEWCOMER["de" if name in GERMAN else "en"]:
        assert point in out, point


@pytest.mark.parametrize(
    ("name", "assessed", "speak"),
    [
        ("45min", r"assessed", r"not to speak|has to speak"),
        ("90min", r"assessed", r"not to speak|has to speak"),
        ("de-45min", r"bewertet", r"muss etwas sagen"),
        ("de-90min", r"bewertet", r"muss etwas sagen"),
    ],
)
def test_the_members_page_says_nobody_is_assessed_and_nobody_has_to_speak_once_each(
    name: str, assessed: str, speak: str
) -> None:
    text = _text(name, "--for", "members")
    assert len(re.findall(assessed, text, re.IGNORECASE)) == 1
    assert len(re.findall(speak, text, re.IGNORECASE)) == 1


def test_a_format_without_ground_rules_still_tells_members_nobody_is_assessed(
    tmp_path: Path,
) -> None:
    bare = write(
        tmp_path / "bare.toml",
        SHORT_FORMAT.replace('ground_rules = ["What is said here stays here."]\n', ""),
    )
    text = _text(str(bare), "--for", "members")
    assert "Nobody is assessed here, and nobody has to speak." in text


@pytest.mark.parametrize("kind", ["md", "html", "svg"])
def test_the_members_page_leaves_out_how_balint_moves_on(kind: str) -> None:
    assert "moves on by itself" not in handout_text("45min", "--for", "members", "--format", kind)
    assert "moves on by itself" in handout_text("45min", "--format", kind), "the leader's keeps it"
    german = handout_text("de-45min", "--for", "members", "--format", kind)
    assert "wechselt von selbst" not in german


@pytest.mark.parametrize("kind", ["md", "html", "svg"])
def test_the_members_page_says_case_2_follows_the_same_steps(kind: str) -> None:
    out = _read(handout_text("90min", "--for", "members", "--format", kind), kind)
    assert "Case 2 follows the same steps as case 1." in out
    assert "Same words as" not in out
    assert "As 2" not in out
    assert out.count("The presenter tells the case in their own words.") == 1
    assert "7–11" in out
    assert "from minute 45 to 86" in out


def test_a_german_second_case_follows_the_same_steps_in_german(tmp_path: Path) -> None:
    fmt = builtin_toml("de-45min")
    phases = _phases("de-45min")
    cased = [phase for phase in phases if "case" in phase]
    second = [{**phase, "id": f"{phase['id']}-2", "case": 2} for phase in cased]
    fmt.pop("minutes", None)
    fmt["phases"] = [*phases[:-1], *second, phases[-1]]
    path = tmp_path / "zwei.toml"
    path.write_text(tomli_w.dumps(fmt), encoding="utf-8")
    text = _text(str(path), "--for", "members")
    assert "Fall 2 läuft ab wie Fall 1." in text  # no-break spaces, as one


# Online rules --------------------------------------------------------------------------------


# Every page that shows the ground rules: the leader's SVG, a picture of the timeline, has none.
PAGES = [("md", "leader"), ("md", "members"), ("html", "leader"), ("html", "members"),
         ("svg", "members")]  # fmt: skip


@pytest.mark.parametrize(("kind", "audience"), PAGES)
@pytest.mark.parametrize("name", ["60min", "de-90min"])
def test_the_online_rules_follow_the_ground_rules(name: str, kind: str, audience: str) -> None:
    out = _read(handout_text(name, "--for", audience, "--format", kind, "--online"), kind)
    heading = "Wenn wir uns online treffen" if name in GERMAN else "If we meet online"
    rules = builtin_toml(name)
    last_ground_rule = flat(rules["ground_rules"][-1])  # type: ignore[index]
    assert heading in out
    assert out.index(last_ground_rule) < out.index(heading)
    for rule in rules["online_rules"]:  # type: ignore[attr-defined]
        assert out.index(heading) < out.index(flat(rule)), rule


@pytest.mark.parametrize("kind", ["md", "html", "svg"])
def test_only_a_format_with_online_rules_has_them_headed(tmp_path: Path, kind: str) -> None:
    rules = 'online_rules = ["Join from a room of your own."]\n'
    short = write(tmp_path / "short.toml", SHORT_FORMAT)
    online = write(tmp_path / "online.toml", rules + SHORT_FORMAT)
    said = _read(handout_text(str(online), "--for", "members", "-f", kind, "--online"), kind)
    assert "If we meet online Join from a room of your own." in re.sub(r"[-•] ", "", said)
    alone = handout_text(str(short), "--for", "members", "-f", kind, "--online")
    assert "If we meet online" not in alone


@pytest.mark.parametrize(("kind", "audience"), PAGES)
def test_a_handout_for_a_group_meeting_in_person_has_no_online_rules(
    kind: str, audience: str
) -> None:
    rule = flat(builtin_toml("60min")["online_rules"][0])  # type: ignore[index]
    for where in ((), ("--in-person",)):
        out = _read(handout_text("60min", "--for", audience, "--format", kind, *where), kind)
        assert "If we meet online" not in out, where
        assert rule not in out, where
