"""Reports at a programme's scale: the tally index, reading only the logs needed, the last
sessions listed, and records pooled from many leaders' bundles and folders."""

from __future__ import annotations

import json
import os
import stat
import tempfile
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import balint, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from logfixtures import complete, fake_log

from balint_cli.logbook import finding, reading, shelf
from balint_cli.logbook.kept import KEEP, kept_files

AT = datetime(2026, 3, 3, 12, 30, tzinfo=UTC)


def _shelf(home: Path, count: int, first: datetime = AT) -> list[Path]:
    """count sessions a week apart, in two groups, with attendance."""
    return [
        fake_log(
            home,
            f"{first + timedelta(days=7 * i):%Y%m%d-%H%M}-{i:04x}",
            complete(
                first + timedelta(days=7 * i),
                over=60.0 * (i % 3),
                group=("Tuesday GPs", "Registrars")[i % 2],
                attendees=3 + i % 5,
                members=8,
            ),
        )
        for i in range(count)
    ]


def _summary(*args: str) -> dict[str, Any]:
    result = balint("log", "summary", "--json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _index(home: Path) -> Path:
    return home / "index" / "logs.jsonl"


def _forget_sums(home: Path) -> None:
    for kept in kept_files(home / "index"):
        kept.unlink()


# -- the index ------------------------------------------------------------------------------


def test_the_index_is_private_and_used_on_a_repeat_run(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _shelf(home, 6)
    first = _summary()
    assert _index(home).exists()
    assert stat.S_IMODE(_index(home).stat().st_mode) == 0o600
    assert stat.S_IMODE((home / "index").stat().st_mode) == 0o700
    reads: list[Path] = []
    real = reading.read_log

    def counting(path: Path, keep_events: bool = True) -> Any:
        reads.append(path)
        return real(path, keep_events)

    monkeypatch.setattr(reading, "read_log", counting)
    monkeypatch.setattr("balint_cli.logbook.shelf.read_log", counting)
    assert _summary() == first
    assert reads == [], "every tally came from the index"


def test_the_index_follows_a_log_that_changes_goes_or_is_corrected(home: Path) -> None:
    logs = _shelf(home, 4)
    assert _summary()["sessions"] == 4
    logs[0].unlink()
    assert _summary()["sessions"] == 3, "a log that went"
    fake_log(home, "20270101-1230-beef", complete(AT + timedelta(days=400), attendees=8))
    assert _summary()["sessions"] == 4, "a new log"
    assert balint("log", "edit", "20270101", "--attendees", "2").exit_code == 0
    assert _summary()["attendance"]["mean"] == pytest.approx((4 + 5 + 6 + 2) / 4)
    text = logs[1].read_text()
    logs[1].write_text(text.replace('"attendees": 4', '"attendees": 7'))
    assert _summary()["attendance"]["mean"] == pytest.approx((7 + 5 + 6 + 2) / 4), "changed"


def _listed() -> list[dict[str, Any]]:
    """Every session as `log list --json` has it: through the index, never kept sums."""
    result = balint("log", "list", "--json")
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def test_an_index_that_still_holds_is_not_written_and_one_that_changed_keeps_the_rest(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = _shelf(home, 6)
    first = _listed()
    before = _index(home).stat()
    made: list[str] = []
    real = tempfile.mkstemp

    def making(*args: Any, **kwargs: Any) -> tuple[int, str]:
        fd, name = real(*args, **kwargs)
        made.append(name)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", making)
    assert _listed() == first
    assert made == [], "nothing written while the index holds"
    after = _index(home).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    lines = _index(home).read_text().splitlines()
    logs[3].write_text(logs[3].read_text().replace('"attendees": 6', '"attendees": 2'))
    assert [s["attendees"] for s in _listed()] == [3, 4, 5, 2, 7, 3]
    now = _index(home).read_text().splitlines()
    # The header, the outline, then a line per log: the fourth log's is line 5.
    assert now[:5] == lines[:5], "the lines before the change kept as they were"
    assert now[6:] == lines[6:] and now[5] != lines[5]
    logs[-1].unlink()
    assert len(_listed()) == 5, "a log gone at the end"
    assert len(_index(home).read_text().splitlines()) == len(now) - 1
    assert len(_listed()) == 5


def test_the_last_summary_is_kept_and_made_anew_when_anything_changes(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = _shelf(home, 6)
    first = _summary()
    (kept,) = kept_files(home / "index")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    summed: list[int] = []
    real = shelf.tallies

    def counting(*args: Any) -> Any:
        summed.append(1)
        return real(*args)

    monkeypatch.setattr(shelf, "tallies", counting)
    assert _summary() == first and summed == [], "the kept sums, nothing added up"
    assert _summary("--group", "registrars") != first and summed == [1], "another choice"
    assert _summary() == first and summed == [1], "the first choice's sums are kept too"
    assert len(kept_files(home / "index")) == 2
    logs[2].write_text(logs[2].read_text().replace('"attendees": 5', '"attendees": 8'))
    assert _summary()["attendance"]["mean"] == round((3 + 4 + 8 + 6 + 7 + 3) / 6, 2)
    logs[0].unlink()
    assert _summary()["sessions"] == 5
    for kept in kept_files(home / "index"):
        kept.write_text('{"balint-summary": 1, "fingerprint": 3}')
    assert _summary()["sessions"] == 5


def test_the_sums_of_the_last_eight_choices_are_kept(home: Path) -> None:
    _shelf(home, 6)
    (home / "index").mkdir()
    (home / "index" / "summary.json").write_text("{}")  # an earlier balint's: tidied away
    months = [f"2026-{month:02d}-01" for month in range(1, 13)]
    for since in months:
        _summary("--since", since)
    assert len(kept_files(home / "index")) == KEEP
    assert not (home / "index" / "summary.json").exists()


def test_sessions_since_the_kept_sums_are_added_reading_only_their_logs(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _shelf(home, 6)
    _summary()
    since = _shelf(home, 3, first=AT + timedelta(days=7 * 6))  # led after the six summed
    read: list[str] = []
    real = reading.read_log

    def counting(path: Path, *args: Any, **kwargs: Any) -> Any:
        read.append(path.name)
        return real(path, *args, **kwargs)

    through: list[int] = []
    tallies = shelf.tallies

    def summing(*args: Any) -> Any:
        through.append(1)
        return tallies(*args)

    monkeypatch.setattr(shelf, "read_log", counting)
    monkeypatch.setattr(shelf, "tallies", summing)
    added = _summary()
    assert sorted(read) == sorted(log.name for log in since), "only the new sessions' logs"
    assert through == [], "the index is not gone through"
    assert added["sessions"] == 9
    _forget_sums(home)
    assert _summary() == added, "the same as every session summed afresh"
    _shelf(home, 1, first=AT - timedelta(days=7))  # an older log copied in: summed afresh
    _forget_sums(home)
    fresh = _summary()
    _shelf(home, 1, first=AT + timedelta(days=7 * 9))
    read.clear()
    assert _summary()["sessions"] == fresh["sessions"] + 1 and len(read) == 1


def test_a_note_on_a_new_log_says_whose_folder_it_is_in(home: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    _shelf(theirs, 3)
    assert balint("log", "summary", "--from", str(theirs / "logs")).exit_code == 0
    write(theirs / "logs" / "20270101-1000-0001.jsonl", "junk\n")  # after those summed
    result = balint("log", "summary", "--from", str(theirs / "logs"))
    assert result.exit_code == 0
    assert "20270101-1000-0001.jsonl: it is not a balint session log (in " in result.stderr


@pytest.mark.parametrize(
    "damage",
    [
        "garbage\n",
        '{"balint-index": 2}\n["a.jsonl", 1, 2, [1, 2], null]\n',
        '{"balint-index": 2}\n["outline", "x", 3]\n',
        '{"balint-index": 999}\n',
        '{"balint-index": 2}\n[' * 2000 + "\n",
        "",
    ],
)
def test_a_damaged_index_is_ignored_and_rebuilt(home: Path, damage: str) -> None:
    _shelf(home, 5)
    expected = _summary()
    _index(home).write_text(damage)
    _forget_sums(home)  # else the kept sums answer, the index unread
    assert _summary() == expected
    head, outline = _index(home).read_text().splitlines()[:2]
    assert json.loads(head) == {"balint-index": shelf.INDEX_VERSION}
    assert outline.startswith('["outline"'), "rebuilt from the logs"


@pytest.mark.parametrize(
    ("at", "value"),
    [
        (13, "x"),  # the length, not a number
        (13, 1e308),  # nor one any session has
        (14, "late"),
        (4, 5),  # the group, not a label
        (5, "x"),  # attendance
        (6, 0),  # members: at least one, in any log
        (2, None),  # the format
        (16, -1),  # resumes
        (22, "x"),  # the phases reached
        (22, -1),
        (23, [[0, "x"]]),  # a phase run over by something that is not a time
        (24, "a,b"),  # the phases' times
        (24, "a,b,c;" * 11 + "a,b,c"),
    ],
)
def test_an_index_line_holding_what_no_log_gives_is_not_believed(
    home: Path, at: int, value: Any
) -> None:
    """A damaged index is read as damaged, never crashes a report: the log is read instead."""
    _shelf(home, 3)
    commands = [
        ["log", "summary", "--json"],
        ["log", "list", "--json"],
        ["log", "portfolio", "--json"],
        ["log", "export", "--csv", "-", "--per", "phase"],
    ]
    expected = [balint(*command).stdout for command in commands]
    lines = [json.loads(line) for line in _index(home).read_text().splitlines()]
    tally = next(line for line in lines if isinstance(line, list) and line[0] != "outline")
    tally[3][at] = value
    _index(home).write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    _forget_sums(home)
    for command, before in zip(commands, expected, strict=True):
        result = balint(*command)
        assert result.exit_code == 0, result.output
        assert result.stdout == before


def test_a_stale_index_line_is_never_believed(home: Path) -> None:
    logs = _shelf(home, 3)
    _summary()
    lines = _index(home).read_text().splitlines()
    # Lie about a log: its size and stamp as now, its attendance made up.
    forged = [json.loads(line) for line in lines]
    for line in forged:
        if isinstance(line, list) and line[0] == logs[0].name:
            line[3][5] = 99
    _index(home).write_text("\n".join(json.dumps(line) for line in forged) + "\n")
    os.utime(logs[0])  # the log changed after the index was made
    assert 99 not in [s["attendees"] for s in json.loads(balint("log", "list", "--json").stdout)]


# -- the same answers with the index and without --------------------------------------------

SHELVES = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=400),  # days after the first
        st.sampled_from(["Tuesday GPs", "Registrars", None]),
        st.one_of(st.none(), st.integers(min_value=0, max_value=12)),
        st.sampled_from([0.0, 45.0, 200.0]),
        st.booleans(),  # practice
        st.sampled_from(["in-person", "online"]),
    ),
    min_size=0,
    max_size=12,
    unique_by=lambda row: row[0],
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(SHELVES)
def test_reports_are_the_same_with_the_index_and_without(home: Path, shelf: list[Any]) -> None:
    for folder in (home / "logs", home / "index"):
        for path in folder.glob("*") if folder.exists() else []:
            path.unlink()
    ordered = sorted(shelf, key=lambda session: session[0])
    for number, (day, group, came, over, practice, setting) in enumerate(ordered):
        if number == len(ordered) // 2:
            balint("log", "summary", "--json")  # sums kept over the first half
        at = AT + timedelta(days=day)
        fake_log(
            home,
            f"{at:%Y%m%d-%H%M}-{day:04x}",
            complete(at, over=over, group=group, attendees=came, members=10,
                     setting=setting, speed=2.0 if practice else 1.0),
        )  # fmt: skip
    added = balint("log", "summary", "--json").stdout  # the second half added to those
    for path in (home / "index").glob("*"):
        path.unlink()
    commands = [
        ["log", "summary", "--json"],
        ["log", "summary", "--json", "--include-practice"],
        ["log", "list", "--json"],
        ["log", "export", "--csv", "-", "--per", "session"],
        ["log", "portfolio", "--json"],
    ]
    fresh = [balint(*command).stdout for command in commands]  # builds the index
    assert added == fresh[0]
    again = [balint(*command).stdout for command in commands]  # reads it
    assert again == fresh
    kept = [balint(*commands[0]).stdout for _ in range(2)]  # the second: the kept sums
    assert kept == [fresh[0], fresh[0]]
    for path in (home / "index").glob("*"):
        path.unlink()
    assert [balint(*command).stdout for command in commands] == fresh


# -- only the logs needed ---------------------------------------------------------------------


def test_show_last_and_resume_read_only_the_logs_they_need(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = _shelf(home, 30)
    reads: list[str] = []
    real = reading.read_log

    def counting(path: Path, keep_events: bool = True) -> Any:
        reads.append(path.name)
        return real(path, keep_events)

    monkeypatch.setattr(reading, "read_log", counting)
    assert balint("log", "show", "last").exit_code == 0
    assert reads == [logs[-1].name]
    reads.clear()
    assert balint("log", "show", logs[3].stem).exit_code == 0
    assert reads == [logs[3].name]
    reads.clear()
    result = balint("run", "--resume")
    assert result.exit_code == 1 and "no unfinished session" in result.stderr
    assert reads == [log.name for log in reversed(logs[-finding.LOOK_BACK :])], (
        "a few, newest first"
    )


def test_list_shows_the_most_recent_and_all_on_request(home: Path) -> None:
    logs = _shelf(home, 25)
    shown = balint("log", "list").stdout.splitlines()
    assert shown[0].split()[:3] == ["id", "started", "format"]
    assert [line.split()[0] for line in shown[1:-1]] == [p.stem for p in logs[-20:]]
    assert shown[-1] == "The 20 most recent of 25 sessions; --all lists every one."
    every = balint("log", "list", "--all").stdout.splitlines()
    assert len(every) == 26
    assert len(json.loads(balint("log", "list", "--json").stdout)) == 25, "JSON is whole"


# -- pooling records from several leaders ------------------------------------------------------


def test_a_bundle_holds_the_logs_as_they_are(home: Path, tmp_path: Path) -> None:
    logs = _shelf(home, 6)
    target = tmp_path / "mine.zip"
    result = balint("log", "export", "--bundle", str(target), "--since", "2026-03-10")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {target} (5 session logs).\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == [f"logs/{p.name}" for p in logs[1:]]
        assert archive.read(f"logs/{logs[1].name}") == logs[1].read_bytes()
    grouped = tmp_path / "registrars.zip"
    assert balint("log", "export", "--bundle", str(grouped), "--group", "registrars").exit_code == 0
    with zipfile.ZipFile(grouped) as archive:
        assert len(archive.namelist()) == 3


def test_reports_pool_bundles_and_folders_counting_each_session_once(
    home: Path, tmp_path: Path
) -> None:
    _shelf(home, 4)
    first = tmp_path / "first.zip"
    assert balint("log", "export", "--bundle", str(first)).exit_code == 0
    later = datetime(2026, 3, 24, 12, 30, tzinfo=UTC)  # the last two again, and two more
    _shelf(home, 4, later)
    second = tmp_path / "second.zip"
    assert balint("log", "export", "--bundle", str(second), "--since", "2026-03-17").exit_code == 0
    other = tmp_path / "other-leader"
    fake_log(other, "20260305-1800-cafe", complete(AT + timedelta(days=2), group="Nurses"))
    pooled = _summary("--from", str(first), "--from", str(second), "--from", str(other / "logs"))
    assert pooled["sessions"] == 4 + 6 - 2 + 1, "the two sessions in both bundles once"
    assert [g["group"] for g in pooled["groups"]] == ["Nurses", "Registrars", "Tuesday GPs"]
    listed = json.loads(
        balint("log", "list", "--json", "--from", str(first), "--from", str(second)).stdout
    )
    assert len(listed) == len({s["id"] for s in listed}) == 8
    folio = json.loads(balint("log", "portfolio", "--json", "--from", str(second)).stdout)
    assert folio["total"]["sessions"] == 6
    page = tmp_path / "report.html"
    assert balint("log", "report", "-o", str(page), "--from", str(first)).exit_code == 0
    assert 'data-fact="sessions"><strong>4</strong>' in page.read_text()


def test_pooled_sources_are_only_read(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    logs = _shelf(other, 3)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in logs}
    listing = sorted(os.listdir(other / "logs"))
    assert _summary("--from", str(other / "logs"))["sessions"] == 3
    assert sorted(os.listdir(other / "logs")) == listing, "nothing written into it"
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in logs} == before
    assert any(p.name.startswith("folder-") for p in (home / "index").iterdir()), (
        "its index is kept in your own folder"
    )


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_bundle_that_is_not_one_is_one_sentence(home: Path, tmp_path: Path) -> None:
    fake = write(tmp_path / "fake.zip", "not a zip at all")
    result = balint("log", "summary", "--from", str(fake))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {fake} is not a bundle of session logs")
    missing = balint("log", "summary", "--from", str(tmp_path / "nowhere.zip"))
    assert missing.exit_code == 2
    assert missing.stderr == f"Error: {tmp_path / 'nowhere.zip'}: no such folder or bundle.\n"


def test_unsafe_and_damaged_members_are_refused_with_a_note(home: Path, tmp_path: Path) -> None:
    good = "".join(json.dumps(line) + "\n" for line in complete(AT))
    bomb = b"\n" * (50 * 1024 * 1024)  # 50 MB of nothing, a few kB compressed
    bundle = _zip(
        tmp_path / "mixed.zip",
        {
            "logs/20260303-1230-good.jsonl": good.encode(),
            "../20260304-1230-evil.jsonl": good.encode(),
            "/etc/20260305-1230-root.jsonl": good.encode(),
            "logs/20260306-1230-bomb.jsonl": bomb,
            "logs/20260307-1230-junk.jsonl": b"shopping list\n",
        },
    )
    result = balint("log", "summary", "--json", "--from", str(bundle))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sessions"] == 1
    notes = result.stderr
    assert "Skipped ../20260304-1230-evil.jsonl in" in notes and "its path is unsafe" in notes
    assert "Skipped /etc/20260305-1230-root.jsonl in" in notes
    assert "Skipped logs/20260306-1230-bomb.jsonl in" in notes and "far too big" in notes
    assert "Skipped 20260307-1230-junk.jsonl: it is not a balint session log (in" in notes
