"""`balint log progress --towards BODY` over logs made by the session code on a fake clock:
each rule's figure, what is left, a rule met exactly at its threshold, the windows, the
sessions that never count, the rules balint cannot see, and the JSON shape."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from support.helpers import REQUIREMENTS_HEAD, balint, write
from support.leading import lead

START = datetime(2025, 1, 7, 19, 0, tzinfo=UTC)
HEAD = REQUIREMENTS_HEAD


def _rules(home: Path, *rules: str, name: str = "ours") -> None:
    """A requirements file of the user's own, its rules each a TOML table's body."""
    body = "".join(f"\n[[rules]]\n{rule.strip()}\n" for rule in rules)
    write(home / "requirements" / f"{name}.toml", HEAD + body)


def _monthly(home: Path, months: int, first: datetime = START, **how: Any) -> None:
    """A session a month for so many months, each as `lead` is told."""
    for n in range(months):
        lead(home, first + timedelta(days=31 * n), **how)


def _json(*args: str) -> dict[str, Any]:
    result = balint("log", "progress", "--json", *args)
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def _rule(found: dict[str, Any], index: int = 0) -> dict[str, Any]:
    rule: dict[str, Any] = found["rules"][index]
    return rule


# -- thresholds ---------------------------------------------------------------------------------


def test_a_rule_is_met_exactly_at_its_threshold(home: Path) -> None:
    _rules(home, 'measure = "sessions-co-led"\nthreshold = 3')
    _monthly(home, 3, role="co-lead")
    rule = _rule(_json("--towards", "ours"))
    assert rule["figure"] == 3
    assert rule["left"] == 0
    assert rule["met"] is True
    shown = balint("log", "progress", "--towards", "ours").stdout
    assert "✓  At least 3 sessions co-led." in shown
    assert "1 of 1 requirement met." in shown


def test_a_rule_met_is_marked_readably_where_the_output_has_no_tick(home: Path) -> None:
    _rules(home, 'measure = "sessions-led"\nthreshold = 1')
    lead(home, START)
    done = subprocess.run(
        [sys.executable, "-m", "balint_cli", "log", "progress", "--towards", "ours"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "\nv  At least 1 session led." in done.stdout.decode("ascii")


def test_one_short_of_its_threshold_a_rule_says_what_is_left(home: Path) -> None:
    _rules(home, 'measure = "sessions-co-led"\nthreshold = 3')
    _monthly(home, 2, role="co-lead")
    _monthly(home, 2, first=START + timedelta(days=3))  # led, not co-led
    rule = _rule(_json("--towards", "ours"))
    assert (rule["figure"], rule["left"], rule["met"]) == (2, 1, False)
    shown = balint("log", "progress", "--towards", "ours").stdout
    row = next(line for line in shown.splitlines() if "At least 3 sessions co-led." in line)
    assert row.split()[-2:] == ["2", "1"], row
    assert "0 of 1 requirement met." in shown


def test_practice_runs_and_false_starts_never_count(home: Path) -> None:
    _rules(home, 'measure = "sessions-led-or-co-led"\nthreshold = 2')
    lead(home, START)
    lead(home, START + timedelta(days=7), speed=2.0)  # a practice run, at twice the speed
    lead(home, START + timedelta(days=14), stop_after=40)  # a false start
    lead(home, START + timedelta(days=21), role="co-lead", speed=30.0, debrief=10)
    found = _json("--towards", "ours")
    assert found["sessions"] == 1
    assert _rule(found)["figure"] == 1
    assert _rule(found)["met"] is False
    assert found["months"] == [{"month": "2025-01", "sessions": 1, "led": 1, "co_led": 0}]


def test_hours_and_units_count_each_session_by_its_minutes(home: Path) -> None:
    _rules(
        home,
        'measure = "hours"\nthreshold = 4',
        'measure = "units-45"\nthreshold = 6',
        'measure = "units-90"\nthreshold = 3',
    )
    _monthly(home, 2, fmt="90min")
    lead(home, START + timedelta(days=70), fmt="45min")
    found = _json("--towards", "ours")
    assert [rule["figure"] for rule in found["rules"]] == [3.8, 5.0, 2.5]
    assert [rule["met"] for rule in found["rules"]] == [False, False, False]


# -- the measures of regularity, cases and debriefs ---------------------------------------------


def test_the_longest_run_of_months_and_the_months_with_sessions(home: Path) -> None:
    _rules(
        home,
        'measure = "consecutive-months"\nthreshold = 3',
        'measure = "months-with-sessions"\nthreshold = 4',
    )
    for month in (1, 2, 3, 5):  # April missed
        lead(home, START.replace(month=month))
        lead(home, START.replace(month=month, day=20))
    found = _json("--towards", "ours")
    assert [rule["figure"] for rule in found["rules"]] == [3, 4]
    assert found["verdict"]["sentence"] == "2 of 2 requirements met."


def test_cases_taken_and_meetings_as_bsanz_counts_them(home: Path) -> None:
    _monthly(home, 4, fmt="90min")  # two cases each
    _monthly(home, 3, first=START + timedelta(days=10), fmt="90min", role="co-lead")
    found = _json("--towards", "bsanz", "--since", "2025-01-01")
    cases, meetings = found["rules"][0], found["rules"][1]
    assert (cases["measure"], cases["figure"], cases["left"]) == ("cases", 14, 16)
    assert (meetings["measure"], meetings["figure"], meetings["left"]) == ("meetings", 7, 13)


def test_the_co_leaders_debriefs_count_towards_the_abs_rule(home: Path) -> None:
    lead(home, START, role="co-lead", debrief=10)
    lead(home, START + timedelta(days=7), role="co-lead")
    lead(home, START + timedelta(days=14))  # led alone: nobody to debrief with
    found = _json("--towards", "abs", "--since", "2025-01-01", "--until", "2025-01-31")
    debriefed = next(r for r in found["rules"] if r["measure"] == "share-co-led-debriefed")
    assert (debriefed["figure"], debriefed["left"], debriefed["met"]) == (50, 50, False)
    assert debriefed["desirable"] is True
    assert debriefed["description"].startswith("Ideally, review the process of the group")
    lead(home, START + timedelta(days=21), role="co-lead", debrief=5)
    lead(home, START + timedelta(days=22), role="co-lead", debrief=12)
    again = _json("--towards", "abs", "--since", "2025-01-01", "--until", "2025-01-31")
    debriefed = next(r for r in again["rules"] if r["measure"] == "share-co-led-debriefed")
    assert debriefed["figure"] == 75  # three of the four co-led


def test_bsanz_supervision_is_never_filled_from_supervised_sessions(home: Path) -> None:
    _monthly(home, 12, supervised=True)
    result = balint("log", "progress", "--towards", "bsanz")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    unseen = lines.index("Not recorded here: keep your own record:")
    assert lines[unseen + 1].startswith("- At least ten supervision sessions each year")
    said = " ".join(line.strip() for line in lines)
    assert "sessions logged with --supervised do not count towards them." in said


# -- windows ------------------------------------------------------------------------------------


def test_the_last_12_months_leave_older_sessions_out(home: Path) -> None:
    _rules(home, 'measure = "supervised-sessions"\nthreshold = 4\nwindow = "last-12-months"')
    _monthly(home, 4, supervised=True)  # January to April 2025
    _monthly(home, 2, first=START.replace(year=2026), supervised=True)  # January, February 2026
    rule = _rule(_json("--towards", "ours", "--until", "2026-03-31"))
    assert rule["figure"] == 3, "April 2025, January and February 2026"
    assert rule["detail"] == "2025-04 to 2026-03"
    assert rule["met"] is False
    assert _rule(_json("--towards", "ours", "--until", "2025-12-31"))["figure"] == 4


def test_since_leaves_the_sessions_before_it_out_of_every_rule(home: Path) -> None:
    _rules(home, 'measure = "sessions-led"\nthreshold = 3')
    _monthly(home, 5)  # January to May 2025
    found = _json("--towards", "ours", "--since", "2025-03-01")
    assert (found["sessions"], _rule(found)["figure"], _rule(found)["met"]) == (3, 3, True)
    assert found["since"] == "2025-03-01"


def test_the_best_12_months_in_a_row(home: Path) -> None:
    _rules(home, 'measure = "sessions-led"\nthreshold = 4\nwindow = "any-12-months"')
    _monthly(home, 2)  # 2025-01, 2025-02
    _monthly(home, 3, first=START.replace(year=2026, month=6))  # 2026-06 to 2026-08
    rule = _rule(_json("--towards", "ours", "--until", "2026-12-31"))
    assert (rule["figure"], rule["met"]) == (3, False)
    assert rule["detail"] == "the most in 12 months: 2025-09 to 2026-08"


def test_per_year_judges_each_whole_year_and_shows_the_one_under_way(home: Path) -> None:
    _rules(home, 'measure = "sessions-led"\nthreshold = 3\nwindow = "per-year"')
    _monthly(home, 3)  # 2025-01 to 2025-03: the first year reaches 3
    _monthly(home, 1, first=START.replace(year=2026, month=2))  # the second has 1 so far
    rule = _rule(_json("--towards", "ours", "--since", "2025-01-01", "--until", "2026-06-30"))
    assert rule["met"] is True
    assert (rule["figure"], rule["left"]) == (3, 2)
    assert rule["detail"] == (
        "the least in a whole year: 3 (2025-01 to 2025-12); "
        "so far in the year under way: 1 (2026-01 to 2026-12)"
    )
    later = _rule(_json("--towards", "ours", "--since", "2025-01-01", "--until", "2026-12-31"))
    assert (later["figure"], later["met"]) == (1, False), "a whole year short"


def test_over_two_years_asks_the_sessions_to_spread_that_long(home: Path) -> None:
    _monthly(home, 12, supervised=True, role="co-lead")  # twelve in a year
    found = _json("--towards", "abs", "--since", "2025-01-01", "--until", "2026-12-31")
    supervised = next(r for r in found["rules"] if r["measure"] == "supervised-sessions")
    assert (supervised["figure"], supervised["left"]) == (12, 0)
    assert supervised["met"] is False
    assert supervised["detail"] == "sessions spread over 12 months (at least 24 asked)"
    lead(home, START.replace(year=2026, month=12), supervised=True)
    found = _json("--towards", "abs", "--since", "2025-01-01", "--until", "2026-12-31")
    supervised = next(r for r in found["rules"] if r["measure"] == "supervised-sessions")
    assert supervised["met"] is True


# -- what balint cannot see, the verdict, and the group -----------------------------------------


def test_the_rules_balint_cannot_see_are_listed_never_dropped(home: Path) -> None:
    _monthly(home, 2, role="co-lead")
    result = balint("log", "progress", "--towards", "uk")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    unseen = lines[lines.index("Not recorded here: keep your own record:") + 1 :]
    said = " ".join(unseen)
    for words in (
        "At least two Balint Society weekend leadership groups",
        "Supervision on your leadership",
        "Membership of the Society",
        "Experience as a member",
    ):
        assert f"- {words}" in said, words
    assert "0 of 1 requirement met; 5 not recorded here." in lines


def test_a_body_with_no_number_published_shows_figures_for_the_record(home: Path) -> None:
    _monthly(home, 3, fmt="90min")
    found = _json("--towards", "dbg")
    units = _rule(found)
    assert (units["measure"], units["figure"], units["met"]) == ("units-90", 3.0, None)
    assert found["verdict"]["sentence"] == "3 figures for your record; 6 not recorded here."


def test_a_group_alone_is_checked_with_group(home: Path) -> None:
    _monthly(home, 3, fmt="90min", group="Café Balint")
    _monthly(home, 2, fmt="90min", group="Registrars")
    found = _json("--towards", "psgv", "--group", "café balint")
    assert found["sessions"] == 3
    assert _rule(found)["figure"] == 6.0  # 45-minute units
    refused = balint("log", "progress", "--towards", "psgv", "--group", "Nobody")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "Error: No session has the group 'Nobody'; the groups are Café Balint, Registrars.\n"
    )


def test_bundles_handed_on_are_pooled_with_from(home: Path, tmp_path: Path) -> None:
    _monthly(home, 2, role="co-lead")
    bundle = tmp_path / "mine.zip"
    made = balint("log", "export", "--bundle", str(bundle))
    assert made.exit_code == 0, made.output
    shutil.rmtree(home / "logs")
    found = _json("--towards", "uk", "--from", str(bundle))
    assert found["pooled_sources"] == 1
    assert (found["sessions"], _rule(found)["figure"]) == (2, 2)


def test_no_session_yet_is_said_not_a_crash(home: Path) -> None:
    for body in ("uk", "bsanz", "abs", "dbg", "psgv"):
        result = balint("log", "progress", "--towards", body, "--until", "2026-01-31")
        assert result.exit_code == 0, (body, result.output)
        assert " · 0 sessions (practice runs and false starts left out)" in result.stdout


def test_json_or_a_page_without_towards_is_refused(tmp_path: Path) -> None:
    for args in (("--json",), ("-o", str(tmp_path / "progress.html"))):
        result = balint("log", "progress", *args)
        assert result.exit_code == 2
        assert result.stderr == (
            "Error: Say which body's requirements to check with --towards NAME; "
            "`balint log progress` alone lists them.\n"
        )
    assert not (tmp_path / "progress.html").exists()


def test_the_json_shape(home: Path) -> None:
    _monthly(home, 2, role="co-lead", debrief=10)
    found = _json("--towards", "abs", "--since", "2025-01-01", "--until", "2026-12-31")
    assert list(found) == [
        "requirements", "source", "body", "level", "sources", "read", "note", "since",
        "until", "group", "pooled_sources", "sessions", "rules", "verdict", "months",
    ]  # fmt: skip
    assert (found["requirements"], found["source"]) == ("abs", "built-in")
    assert (found["read"], found["since"], found["until"]) == (
        "2026-12-06", "2025-01-01", "2026-12-31",
    )  # fmt: skip
    for rule in found["rules"]:
        assert list(rule) == [
            "measure", "description", "recorded", "threshold", "window", "desirable",
            "figure", "left", "met", "detail", "source", "note",
        ]  # fmt: skip
    unseen = [rule for rule in found["rules"] if not rule["recorded"]]
    assert unseen
    assert all(
        (r["measure"], r["threshold"], r["figure"], r["left"], r["met"])
        == ("not-recorded", None, None, None, None)
        for r in unseen
    )
    assert found["verdict"] == {
        "met": 0, "required": 2, "desirable_met": 1, "desirable": 1, "for_record": 0,
        "not_recorded": 2,
        "sentence": "0 of 2 requirements met; 1 of 1 desirable met; 2 not recorded here.",
    }  # fmt: skip
    assert found["months"] == [
        {"month": "2025-01", "sessions": 1, "led": 0, "co_led": 1},
        {"month": "2025-02", "sessions": 1, "led": 0, "co_led": 1},
    ]


def test_progress_since_a_day_to_come_is_refused(home: Path) -> None:
    result = balint("log", "progress", "--towards", "uk", "--since", "2099-01-01")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: --since 2099-01-01 is after today (")
