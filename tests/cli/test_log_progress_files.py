"""Requirement files, as a leader meets them: the shipped ones valid and listed, one of their
own beside them or in place of one, and each kind of broken file said in one sentence that
names the file and the rule (exit status 2), never a hang or a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.helpers import REQUIREMENTS_HEAD, balint, write

from balint_cli.requirements.builtin import BUILTIN_NAMES, builtin_dir

GOOD = REQUIREMENTS_HEAD
RULE = """
[[rules]]
measure = "sessions-co-led"
threshold = 5
"""


def _mine(home: Path, name: str, text: str) -> Path:
    return write(home / "requirements" / f"{name}.toml", text)


def _refused(name: str) -> str:
    """What `log progress --towards name` says, refusing the file with exit status 2."""
    result = balint("log", "progress", "--towards", name)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    return result.stderr


@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_every_shipped_file_is_valid_and_cites_where_it_was_read(name: str) -> None:
    result = balint("log", "progress", "--towards", name)
    assert result.exit_code == 0, result.output
    text = (builtin_dir() / f"{name}.toml").read_text(encoding="utf-8")
    assert 'sources = [\n  "https://' in text, "its pages, by their addresses"
    assert "\nread = 2026-" in text, "the day they were read"


def test_the_bodies_are_listed_without_towards(home: Path) -> None:
    _mine(home, "ours", GOOD + RULE)
    result = balint("log", "progress")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Check your progress with: balint log progress --towards NAME"
    assert [line.split()[0] for line in lines[3:] if line[:1].strip()] == [
        "uk", "bsanz", "abs", "dbg", "psgv", "ours",
    ]  # fmt: skip
    assert any(
        line.startswith("abs ") and "American Balint Society: Credentialed" in line
        for line in lines
    )
    assert "Balint Society of Somewhere: Accredited leader" in result.stdout


def test_a_good_file_of_your_own_is_checked(home: Path) -> None:
    _mine(home, "ours", GOOD + RULE)
    result = balint("log", "progress", "--towards", "ours")
    assert result.exit_code == 0, result.output
    assert "Progress towards Balint Society of Somewhere: Accredited leader" in result.stdout
    assert "0 of 1 requirement met." in result.stdout


def test_your_file_replaces_the_shipped_one_of_its_name(home: Path) -> None:
    _mine(home, "uk", GOOD.replace("Somewhere", "Our Own UK") + RULE)
    result = balint("log", "progress", "--towards", "uk")
    assert result.exit_code == 0, result.output
    assert "Progress towards Balint Society of Our Own UK: Accredited leader" in result.stdout
    assert "UK Balint Society" not in result.stdout
    listed = balint("log", "progress").stdout
    assert listed.count("\nuk ") == 1, "listed once: yours"
    assert "yours, in place of the built-in" in listed


def test_an_unknown_body_is_one_sentence_naming_the_bodies(home: Path) -> None:
    _mine(home, "ours", GOOD + RULE)
    assert _refused("nowhere") == (
        "Error: There is no body named 'nowhere'; the bodies are uk, bsanz, abs, dbg, psgv, "
        f"ours (a file of your own goes in {home / 'requirements'}).\n"
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (GOOD + RULE.replace("sessions-co-led", "sesions-co-led"),
         'rule 1 "sesions-co-led": measure must be one balint counts, not "sesions-co-led" '
         "(did you mean sessions-co-led?): sessions-led, sessions-co-led, "),
        (GOOD + RULE.replace("= 5", "= -5"),
         'rule 1 "sessions-co-led": threshold must be at least 0.'),
        (GOOD + RULE + 'window = "per-decade"\n',
         'rule 1 "sessions-co-led": window must be "per-year", "last-12-months", '
         '"any-12-months", "over-N-years" (N from 1 to 10) or "over-N-months" (N from 1 to '
         '99), not "per-decade".'),
        (GOOD.replace('sources = ["https://example.org/leaders"]\n', "") + RULE,
         "sources is required."),
        (GOOD.replace("https://", "example.org/") + RULE,
         "sources[0] must be a web address, beginning https:// (or http://), on one line."),
        (GOOD.replace("2026-11-30", '"2026-11-30"') + RULE,
         "read must be a date without quotes, like 2026-03-01."),
        (GOOD + RULE.replace("sessions-co-led", "not-recorded"),
         'rule 1 "not-recorded": a rule balint cannot see (not-recorded) takes no threshold '
         "or window."),
        (GOOD + '[[rules]]\nmeasure = "not-recorded"\n',
         'rule 1 "not-recorded": a rule balint cannot see (not-recorded) needs a '
         "description: what the body asks for."),
        (GOOD + RULE.replace("= 5", "= 5.5"),
         'rule 1 "sessions-co-led": threshold must be a whole number for sessions-co-led.'),
        (GOOD + RULE.replace("sessions-co-led", "share-in-person").replace("= 5", "= 150"),
         'rule 1 "share-in-person": threshold must be a per cent from 0 to 100 for '
         "share-in-person."),
        (GOOD + RULE + "minimum = 3\n",
         'rule 1 "sessions-co-led": minimum is not a field balint knows.'),
        (GOOD, "rules is required."),
        ('body = "Somewhere\n',
         "line 1: a text that opens with \" must close on the same line; end it with \", or "
         'use """ for text over several lines.'),
    ],
    ids=[
        "unknown measure", "negative threshold", "bad window", "missing source",
        "source not an address", "date in quotes", "not-recorded with a threshold",
        "not-recorded without words", "half a session", "share over 100", "unknown field",
        "no rules", "not TOML",
    ],
)  # fmt: skip
def test_a_broken_file_is_one_sentence_naming_it_and_the_rule(
    home: Path, text: str, said: str
) -> None:
    path = _mine(home, "ours", text)
    error = _refused("ours")
    assert error.startswith(f"Error: {path}: {said}"), error
    assert error.count("\n") == 1, "one sentence, on one line"


def test_every_problem_of_a_file_is_a_line_of_its_own(home: Path) -> None:
    path = _mine(home, "ours", GOOD + RULE.replace("= 5", "= -5") + 'window = "x"\n')
    assert _refused("ours") == (
        f"Error: {path} is not a valid requirements file:\n"
        '  rule 1 "sessions-co-led": threshold must be at least 0\n'
        '  rule 1 "sessions-co-led": window must be "per-year", "last-12-months", '
        '"any-12-months", "over-N-years" (N from 1 to 10) or "over-N-months" (N from 1 to 99), '
        'not "x"\n'
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_among_your_files_is_refused_at_once(home: Path) -> None:
    fifo = home / "requirements" / "ours.toml"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    assert _refused("ours") == f"Error: {fifo} is a pipe, not a requirements file.\n"
    listed = balint("log", "progress")
    assert listed.exit_code == 0, listed.output
    assert "ours" in listed.stdout, "listed, never opened"
    assert "not valid:" in listed.stdout, "listed, never opened"


def test_a_huge_file_is_refused_unread(home: Path) -> None:
    huge = home / "requirements" / "ours.toml"
    huge.parent.mkdir(parents=True)
    with open(huge, "wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB that take no room
    assert _refused("ours") == (
        f"Error: {huge} is over 1000 kB, far too big to be a requirements file.\n"
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no links on this system")
def test_a_link_out_of_your_folder_is_not_followed(home: Path, tmp_path: Path) -> None:
    elsewhere = write(tmp_path / "elsewhere.toml", GOOD + RULE)
    link = home / "requirements" / "ours.toml"
    link.parent.mkdir(parents=True)
    link.symlink_to(elsewhere)
    assert _refused("ours") == (
        f"Error: {link} is a link out of your requirements folder, which balint does not "
        "follow; copy the file into the folder instead.\n"
    )
    (home / "requirements" / "zero.toml").symlink_to("/dev/zero")
    assert "zero.toml is a link out of your requirements folder" in _refused("zero")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no links on this system")
def test_a_link_within_your_folder_is_followed(home: Path) -> None:
    _mine(home, "ours", GOOD + RULE)
    (home / "requirements" / "again.toml").symlink_to("ours.toml")
    result = balint("log", "progress", "--towards", "again")
    assert result.exit_code == 0, result.output
    assert "Balint Society of Somewhere" in result.stdout
