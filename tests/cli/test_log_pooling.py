"""Reports at a programme's scale: following the logs as they change, reading only the logs
needed, the last sessions listed, and records pooled from many leaders' bundles and folders.
(The index itself: test_index_db.py.)"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.helpers import balint, json_of, write
from support.logfixtures import complete, fake_log, reads_counted, weekly

from balint_cli.logbook import finding

AT = datetime(2026, 3, 3, 12, 30, tzinfo=UTC)



# -- following the logs ------------------------------------------------------------------------


def test_the_index_follows_a_log_that_changes_goes_or_is_corrected(home: Path) -> None:
    logs = weekly(home, 4, AT)
    assert json_of("log", "summary", "--json")["sessions"] == 4
    logs[0].unlink()
    assert json_of("log", "summary", "--json")["sessions"] == 3, "a log that went"
    fake_log(home, "20270101-1230-beef", complete(AT + timedelta(days=400), attendees=8))
    assert json_of("log", "summary", "--json")["sessions"] == 4, "a new log"
    assert balint("log", "edit", "20270101", "--attendees", "2").exit_code == 0
    mean = json_of("log", "summary", "--json")["attendance"]["mean"]
    assert mean == pytest.approx((4 + 5 + 6 + 2) / 4)
    text = logs[1].read_text()
    logs[1].write_text(text.replace('"attendees": 4', '"attendees": 7'))
    mean = json_of("log", "summary", "--json")["attendance"]["mean"]
    assert mean == pytest.approx((7 + 5 + 6 + 2) / 4), "changed"


def test_a_note_on_a_new_log_says_whose_folder_it_is_in(home: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    weekly(theirs, 3, AT)
    assert balint("log", "summary", "--from", str(theirs / "logs")).exit_code == 0
    write(theirs / "logs" / "20270101-1000-0001.jsonl", "junk\n")  # after those summed
    result = balint("log", "summary", "--from", str(theirs / "logs"))
    assert result.exit_code == 0
    assert "20270101-1000-0001.jsonl: it is not a balint session log (in " in result.stderr


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
    for path in [*(home / "logs").glob("*"), home / "index.db"] if home.exists() else []:
        path.unlink(missing_ok=True)
    ordered = sorted(shelf, key=lambda session: session[0])
    for number, (day, group, came, over, practice, setting) in enumerate(ordered):
        if number == len(ordered) // 2:
            balint("log", "summary", "--json")  # the index made over the first half
        at = AT + timedelta(days=day)
        fake_log(
            home,
            f"{at:%Y%m%d-%H%M}-{day:04x}",
            complete(at, over=over, group=group, attendees=came, members=10,
                     setting=setting, speed=2.0 if practice else 1.0),
        )  # fmt: skip
    added = balint("log", "summary", "--json").stdout  # the second half added to those
    (home / "index.db").unlink(missing_ok=True)  # none over no logs at all
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
    (home / "index.db").unlink(missing_ok=True)
    assert [balint(*command).stdout for command in commands] == fresh


# -- only the logs needed ---------------------------------------------------------------------


def test_show_last_and_resume_read_only_the_logs_they_need(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = weekly(home, 30, AT)
    reads = reads_counted(monkeypatch)
    assert balint("log", "show", "last").exit_code == 0
    assert reads == [logs[-1].name]
    reads.clear()
    assert balint("log", "show", logs[3].stem).exit_code == 0
    assert reads == [logs[3].name]
    reads.clear()
    result = balint("run", "--resume")
    assert result.exit_code == 1
    assert "no unfinished session" in result.stderr
    assert reads == [log.name for log in reversed(logs[-finding.LOOK_BACK :])], (
        "a few, newest first"
    )


def test_list_shows_the_most_recent_and_all_on_request(home: Path) -> None:
    logs = weekly(home, 25, AT)
    shown = balint("log", "list").stdout.splitlines()
    assert shown[0].split()[:3] == ["id", "started", "format"]
    assert [line.split()[0] for line in shown[1:-1]] == [p.stem for p in logs[-20:]]
    assert shown[-1] == "The 20 most recent of 25 sessions; --all lists every one."
    every = balint("log", "list", "--all").stdout.splitlines()
    assert len(every) == 26
    assert len(json.loads(balint("log", "list", "--json").stdout)) == 25, "JSON is whole"


# -- pooling records from several leaders ------------------------------------------------------


def test_a_bundle_holds_the_logs_as_they_are(home: Path, tmp_path: Path) -> None:
    logs = weekly(home, 6, AT)
    target = tmp_path / "mine.zip"
    result = balint("log", "export", "--bundle", str(target), "--since", "2026-03-10")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {target} (5 session logs).\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == [f"logs/{p.name}" for p in logs[1:]]
        assert archive.read(f"logs/{logs[1].name}") == logs[1].read_bytes()
        modes = {stat.S_IMODE(info.external_attr >> 16) for info in archive.infolist()}
        assert modes == {0o600}  # what unzip gives each: the reader's alone, as the logs are
    grouped = tmp_path / "registrars.zip"
    assert balint("log", "export", "--bundle", str(grouped), "--group", "registrars").exit_code == 0
    with zipfile.ZipFile(grouped) as archive:
        assert len(archive.namelist()) == 3


def test_reports_pool_bundles_and_folders_counting_each_session_once(
    home: Path, tmp_path: Path
) -> None:
    weekly(home, 4, AT)
    first = tmp_path / "first.zip"
    assert balint("log", "export", "--bundle", str(first)).exit_code == 0
    later = datetime(2026, 3, 24, 12, 30, tzinfo=UTC)  # the last two again, and two more
    weekly(home, 4, later)
    second = tmp_path / "second.zip"
    assert balint("log", "export", "--bundle", str(second), "--since", "2026-03-17").exit_code == 0
    other = tmp_path / "other-leader"
    fake_log(other, "20260305-1800-cafe", complete(AT + timedelta(days=2), group="Nurses"))
    pooled = json_of(
        "log", "summary", "--json",
        "--from", str(first), "--from", str(second), "--from", str(other / "logs"),
    )  # fmt: skip
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
    assert 'data-fact="led"><strong>4</strong>' in page.read_text()


def test_pooled_sources_are_only_read(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    logs = weekly(other, 3, AT)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in logs}
    listing = sorted(os.listdir(other / "logs"))
    assert json_of("log", "summary", "--json", "--from", str(other / "logs"))["sessions"] == 3
    assert sorted(os.listdir(other / "logs")) == listing, "nothing written into it"
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in logs} == before
    with sqlite3.connect(home / "index.db") as index:
        keys = [key for (key,) in index.execute("SELECT key FROM sources")]
    assert any(key.startswith("folder:") for key in keys), "its index is kept in your own folder"


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
    assert "Skipped ../20260304-1230-evil.jsonl in" in notes
    assert "its path is unsafe" in notes
    assert "Skipped /etc/20260305-1230-root.jsonl in" in notes
    assert "Skipped logs/20260306-1230-bomb.jsonl in" in notes
    assert "far too big" in notes
    assert "Skipped 20260307-1230-junk.jsonl: it is not a balint session log (in" in notes
