"""The reports' index, $BALINT_HOME/index.db: private, read again only where a log changed,
never trusted over the logs, and unable to hurt anyone whatever is put in its place."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.helpers import balint, write
from support.logfixtures import complete, fake_log, index_db, weekly

from balint_cli.logbook import reading, refresh

_READ_BATCH = refresh.read_batch
AT = datetime(2026, 3, 3, 12, 30, tzinfo=UTC)


def _summary(*args: str) -> tuple[dict[str, Any], list[str]]:
    """The summary as JSON, and the notes said beside it."""
    result = balint("log", "summary", "--json", *args)
    assert result.exit_code == 0, result.output
    assert "unexpected problem" not in result.output
    notes = [line for line in result.stderr.splitlines() if line]
    data: dict[str, Any] = json.loads(result.stdout)
    return data, notes


# -- the index as it should be ---------------------------------------------------------------


def test_the_index_is_one_private_database_of_sessions_and_phases(home: Path) -> None:
    logs = weekly(home)
    expected, notes = _summary()
    assert notes == []
    assert stat.S_IMODE(index_db(home).stat().st_mode) == 0o600
    with contextlib.closing(sqlite3.connect(index_db(home))) as db:
        ids = [i for (i,) in db.execute("SELECT id FROM sessions ORDER BY start_ms")]
        (phases,) = db.execute("SELECT count(*) FROM phases").fetchone()
    assert ids == [log.stem for log in logs]
    assert phases == 3 * len(logs), "a row per phase run"
    assert sorted(p.name for p in home.iterdir()) == ["index.db", "logs"], "no other file"
    assert expected["sessions"] == len(logs)


def test_a_repeat_reads_no_log_and_a_change_reads_only_that_log(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = weekly(home)
    first, _notes = _summary()
    read: list[str] = []
    real = reading.read_log

    def counting(path: Path, keep_events: bool = True) -> Any:
        read.append(path.name)
        return real(path, keep_events)

    monkeypatch.setattr("balint_cli.logbook.sources.read_log", counting)
    assert _summary()[0] == first
    assert read == [], "every session came from the index"
    logs[2].write_text(logs[2].read_text().replace('"attendees": 5', '"attendees": 8'))
    changed, _notes = _summary()
    assert read == [logs[2].name], "only the log that changed"
    assert changed["attendance"]["mean"] == round((3 + 4 + 8 + 6 + 7 + 3) / 6, 2)


def test_an_earlier_balints_index_folder_is_removed_on_first_use(home: Path) -> None:
    weekly(home)
    old = home / "index"
    write(old / "logs.jsonl", '{"balint-index": 2}\n')
    write(old / "summary-0123456789abcdef.json", "{}")
    write(old / ".index-x8y7", "half")
    assert _summary()[1] == []
    assert not old.exists()


# -- what is put in its place ------------------------------------------------------------------


def _balint_apart(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """balint in a process of its own, given a minute at most: what would hang is caught."""
    env = {**os.environ, "BALINT_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "balint_cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("what", ["a pipe", "a link to /dev/zero"])
def test_a_pipe_or_a_device_at_the_index_is_set_aside_never_opened(home: Path, what: str) -> None:
    weekly(home)
    expected, _notes = _summary()
    index_db(home).unlink()
    if what == "a pipe":
        os.mkfifo(index_db(home))
    else:
        index_db(home).symlink_to("/dev/zero")
    done = _balint_apart(home, "log", "summary", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == expected
    kind = "a pipe" if what == "a pipe" else "a link"
    assert done.stderr == (
        f"Note: The index {index_db(home)} was {kind}, not a file of yours: it was set aside as "
        f"{index_db(home)}.aside, unopened, and a fresh index made.\n"
    )
    assert stat.S_ISREG(os.lstat(index_db(home)).st_mode), "a fresh index"
    assert _balint_apart(home, "log", "summary", "--json").stderr == "", "one note, once"


@pytest.mark.parametrize("where", ["index.db", "index.db-journal"])
def test_a_link_at_the_index_is_never_written_through(
    home: Path, tmp_path: Path, where: str
) -> None:
    weekly(home)
    expected, _notes = _summary()
    precious = write(tmp_path / "precious.txt", "my own notes\n")
    (home / where).unlink(missing_ok=True)
    (home / where).symlink_to(precious)
    weekly(home, 7)  # one session more: the index is written to
    data, notes = _summary()
    assert data["sessions"] == expected["sessions"] + 1
    assert len(notes) == 1
    assert "was a link, not a file of yours: it was set aside" in notes[0]
    assert precious.read_text() == "my own notes\n", "the file it points to is untouched"
    assert (home / f"{where}.aside").is_symlink()


def test_a_folder_at_the_index_is_set_aside(home: Path) -> None:
    weekly(home)
    (home / "index.db").mkdir(parents=True)
    data, notes = _summary()
    assert data["sessions"] == 6
    assert len(notes) == 1
    assert "was a folder" in notes[0]
    assert (home / "index.db.aside").is_dir()
    assert index_db(home).is_file()


def test_garbage_in_the_index_is_moved_aside_and_the_index_made_anew(home: Path) -> None:
    weekly(home)
    expected, _notes = _summary()
    index_db(home).write_bytes(b"\x00\xffnot a database at all" * 1000)
    data, notes = _summary()
    assert data == expected
    assert notes == [
        f"Note: The index {index_db(home)} was damaged (file is not a database): it was moved "
        f"aside as {index_db(home)}.aside and made anew from the logs."
    ]
    assert index_db(home).with_name("index.db.aside").read_bytes().startswith(b"\x00\xffnot")
    assert _summary()[1] == []


@pytest.mark.parametrize(
    ("column", "value"),
    [("attendees", 99_999), ("seconds", 1e308), ("setting", "moon"), ("cases", -3)],
)
def _forge(home: Path, *statements: str, **values: object) -> None:
    """Change the index as another program might, behind balint's back."""
    with contextlib.closing(sqlite3.connect(index_db(home))) as db:
        for statement in statements:
            db.execute(statement, values)
        db.commit()


def _column(home: Path, column: str) -> list[object]:
    """The column's value in every session the index holds, in the order they began."""
    with contextlib.closing(sqlite3.connect(index_db(home))) as db:
        return [value for (value,) in db.execute(f"SELECT {column} FROM sessions ORDER BY id")]


def _user_version(home: Path) -> int:
    with contextlib.closing(sqlite3.connect(index_db(home))) as db:
        (version,) = db.execute("PRAGMA user_version").fetchone()
    return int(version)


@pytest.mark.parametrize(
    ("column", "value"),
    [("attendees", 99_999), ("seconds", 1e308), ("setting", "moon"), ("cases", -3)],
)
def test_a_value_no_log_gives_written_into_the_index_is_never_believed(
    home: Path, column: str, value: object
) -> None:
    weekly(home)
    expected = [balint(*c).stdout for c in (["log", "summary", "--json"], ["log", "list"])]
    from_the_logs = _column(home, column)
    _forge(home, "PRAGMA ignore_check_constraints = ON",
           f"UPDATE sessions SET {column} = :value", value=value)  # fmt: skip
    assert _column(home, column) == [value] * 6, "the forgery is in the index"
    data, notes = _summary()
    assert data == json.loads(expected[0])
    assert notes == [
        f"Note: The index {index_db(home)} was changed by another program: it was made anew "
        "from the logs."
    ]
    assert balint("log", "list").stdout == expected[1]
    assert _column(home, column) == from_the_logs, "the index made anew from the logs"


def test_an_index_of_another_version_or_schema_is_made_anew(home: Path) -> None:
    weekly(home)
    expected, _notes = _summary()
    assert expected["attendance"]["mean"] == 4.67  # (3 + 4 + 5 + 6 + 7 + 3) / 6, as the logs say
    _forge(home, "PRAGMA user_version = 99")
    assert _user_version(home) == 99, "the index says it is of another version"
    assert _summary() == (expected, [])
    assert _user_version(home) != 99, "made anew"
    _forge(home, "DROP TRIGGER sessions_update", "UPDATE sessions SET attendees = 0")
    assert _column(home, "attendees") == [0] * 6, "the forgery is in the index, unguarded"
    assert _summary() == (expected, []), "the logs' attendance, not the forgery's"
    assert _column(home, "attendees") == [3, 4, 5, 6, 7, 3], "made anew from the logs"


# -- a full disk, a read-only folder, another report at the same time --------------------------


@contextlib.contextmanager
def _small_disk(where: Path, size: str) -> Iterator[Path]:
    """A small disk of its own (a tmpfs) at where; the test is skipped where none can be had."""
    where.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        pytest.skip(f"no tmpfs can be mounted here ({made.stderr.strip() or 'not root'})")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_full_disk_makes_the_report_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _small_disk(tmp_path / "disk", "512k") as disk:
        home = disk / "home"
        monkeypatch.setenv("BALINT_HOME", str(home))
        weekly(home)
        expected, _notes = _summary()
        weekly(home, 9)  # three sessions more, then the disk is filled
        filler = home / "filler"
        with filler.open("wb") as out, contextlib.suppress(OSError):
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        data, notes = _summary()
        assert data["sessions"] == expected["sessions"] + 3
        assert notes == [
            f"Note: The index {index_db(home)} cannot be written (the disk is full): this report "
            "is made without it."
        ]


def test_a_read_only_home_makes_the_report_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _small_disk(tmp_path / "disk", "4m") as disk:
        home = disk / "home"
        monkeypatch.setenv("BALINT_HOME", str(home))
        weekly(home)
        expected, _notes = _summary()
        weekly(home, 8)
        index_db(home).unlink()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        data, notes = _summary()
        assert data["sessions"] == expected["sessions"] + 2
        assert len(notes) == 1
        assert notes[0].startswith(f"Note: The index {index_db(home)} cannot be written (")


def test_a_report_waits_only_a_moment_for_another_writing_the_index(home: Path) -> None:
    weekly(home)
    expected, _notes = _summary()
    weekly(home, 7)
    with contextlib.closing(sqlite3.connect(index_db(home), isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")  # another report, in the middle of writing
        started = datetime.now()
        data, notes = _summary()
        assert datetime.now() - started < timedelta(seconds=10)
        assert data["sessions"] == expected["sessions"] + 1
        assert notes == [
            f"Note: The index {index_db(home)} cannot be written (another report is writing "
            "it): this report is made without it."
        ]
        before = len(list((home / "logs").iterdir()))
        ran = balint("run", "--speed", "100000")
        assert ran.exit_code == 0, "a session never waits for the index"
        assert len(list((home / "logs").iterdir())) == before + 1, "its log written"
        other.execute("ROLLBACK")
    assert _summary()[1] == []


# -- bundles ------------------------------------------------------------------------------------


def _bundle(path: Path, members: list[tuple[str, bytes]], compression: int = 8) -> Path:
    """A zip of these members (a name twice is allowed, as in a zip made by hand)."""
    import warnings
    import zipfile

    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", compression=compression) as zf:
        warnings.simplefilter("ignore")  # "Duplicate name": wanted here
        for name, data in members:
            zf.writestr(name, data)
    return path


def _log_bytes(at: datetime, **extra: Any) -> bytes:
    return "".join(json.dumps(line) + "\n" for line in complete(at, **extra)).encode()


@pytest.mark.parametrize("compression", [8, 14], ids=["deflate", "lzma"])
def test_a_damaged_member_of_a_bundle_is_one_bad_log(
    home: Path, tmp_path: Path, compression: int
) -> None:
    import zipfile

    names = [f"logs/2026031{i}-1230-000{i}.jsonl" for i in range(3)]
    days = [AT + timedelta(days=7 + i) for i in range(3)]
    bundle = _bundle(
        tmp_path / "theirs.zip",
        [(name, _log_bytes(day, attendees=4)) for name, day in zip(names, days, strict=True)],
        compression,
    )
    with zipfile.ZipFile(bundle) as archive:
        info = archive.getinfo(names[1])
    raw = bytearray(bundle.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start + 8 : start + 40] = b"\xff" * 32  # its compressed data broken
    bundle.write_bytes(bytes(raw))
    data, notes = _summary("--from", str(bundle))
    assert data["sessions"] == 2, "the rest summed"
    assert len(notes) == 1
    assert notes[0].startswith(
        "Note: Skipped 20260311-1230-0001.jsonl: it cannot be read from the bundle ("
    )
    assert notes[0].endswith(f" (in {bundle}).")


def test_many_bundles_are_read_one_at_a_time(home: Path, tmp_path: Path) -> None:
    """With a low limit of open files (macOS's is 256), no bundle is blamed for it."""
    import resource

    paths = []
    for i in range(40):
        day = AT + timedelta(days=i)
        name = f"logs/{day:%Y%m%d-%H%M}-{i:04x}.jsonl"
        paths += ["--from", str(_bundle(tmp_path / f"b{i}.zip", [(name, _log_bytes(day))]))]

    def few_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (32, 32))

    done = subprocess.run(
        [sys.executable, "-m", "balint_cli", "log", "summary", "--json", *paths],
        env={**os.environ, "BALINT_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=few_files,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sessions"] == 40


def test_too_many_open_files_is_said_as_it_is(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    bundle = _bundle(tmp_path / "theirs.zip", [("logs/20260303-1230-0000.jsonl", _log_bytes(AT))])

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EMFILE, "Too many open files")

    monkeypatch.setattr("zipfile.ZipFile", refused)
    result = balint("log", "summary", "--from", str(bundle))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {bundle} cannot be opened: too many files are open at once (the system's "
        "limit); read fewer bundles at a time.\n"
    )


def test_a_bundle_is_named_zip(home: Path, tmp_path: Path) -> None:
    weekly(home, 3)
    result = balint("log", "export", "--bundle", str(tmp_path / "mine"))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Wrote {tmp_path / 'mine.zip'} (3 session logs; .zip added to the name given).\n"
    )
    assert (tmp_path / "mine.zip").is_file()
    assert not (tmp_path / "mine").exists()
    other = balint("log", "export", "--bundle", str(tmp_path / "mine.tar"))
    assert other.exit_code == 2
    assert other.stderr == (
        f"Error: --bundle {tmp_path / 'mine.tar'}: a bundle is a .zip file; give a name ending "
        "in .zip, or none (.zip is added).\n"
    )
    assert not (tmp_path / "mine.tar").exists()


# -- what a session is, and in which order ----------------------------------------------------


def test_a_session_is_counted_once_however_many_copies_of_its_log(
    home: Path, tmp_path: Path
) -> None:
    sid = "20260303-1230-aaaa"
    whole = complete(AT, id=sid, attendees=5)
    fake_log(home, sid, whole)
    fake_log(home, f"{sid} copy", whole[:3])  # a file manager's copy, taken mid-session
    fake_log(home, "20260310-1230-bbbb", complete(AT + timedelta(days=7), attendees=7))
    listed = json.loads(balint("log", "list", "--json").stdout)
    assert [(s["id"], s["status"]) for s in listed] == [
        (sid, "completed"),
        ("20260310-1230-bbbb", "completed"),
    ]
    data, _notes = _summary()
    assert (data["sessions"], data["attendance"]["mean"]) == (2, 6.0)
    (home / "logs" / f"{sid}.jsonl").unlink()  # the copy alone: it counts now
    assert json.loads(balint("log", "list", "--json").stdout)[0]["status"] == "interrupted"
    twice = _bundle(
        tmp_path / "twice.zip",
        [
            (f"alice/{sid}.jsonl", _log_bytes(AT, id=sid)),
            (f"bob/{sid}.jsonl", _log_bytes(AT, id=sid)),
            ("logs/20260310-1230-bbbb.jsonl", _log_bytes(AT + timedelta(days=7))),
            ("logs/20260310-1230-bbbb.jsonl", _log_bytes(AT + timedelta(days=7))),
        ],
    )
    pooled, _notes = _summary("--from", str(twice))
    assert pooled["sessions"] == 2, "two folders, or the same name twice, in one bundle"


def test_sessions_begun_in_the_same_minute_come_in_the_order_they_began(home: Path) -> None:
    fake_log(home, "20260303-1230-ffff", complete(AT + timedelta(seconds=5.25), attendees=3))
    fake_log(home, "20260303-1230-0000", complete(AT + timedelta(seconds=40.5), attendees=9))
    order = ["20260303-1230-ffff", "20260303-1230-0000"]
    assert [s["id"] for s in json.loads(balint("log", "list", "--json").stdout)] == order
    rows = balint("log", "export", "--csv", "-", "--per", "session").stdout.splitlines()
    assert [row.split(",")[0] for row in rows[1:]] == order
    data, _notes = _summary()
    assert data["attendance"]["trend_per_session"] == 6.0, "3 came, then 9"


def test_look_alike_labels_are_one_group(home: Path) -> None:
    labels = ["Café", "Cafe\u0301", "Тue", "Tue"]  # accents in two forms; a Cyrillic Т
    for i, label in enumerate(labels):
        day = AT + timedelta(days=7 * i)
        fake_log(home, f"{day:%Y%m%d-%H%M}-000{i}", complete(day, group=label, attendees=4))
    data, _notes = _summary()
    assert [(g["group"], g["sessions"]) for g in data["groups"]] == [("Cafe\u0301", 2), ("Tue", 2)]
    assert _summary("--group", "CAFÉ")[0]["sessions"] == 2
    write(home / "groups.toml", '["Café"]\nmembers = 8\n')
    named, _notes = _summary()
    assert [g["group"] for g in named["groups"]] == ["Café", "Tue"], "as groups.toml spells it"
    folio = json.loads(balint("log", "portfolio", "--json").stdout)
    assert folio["years"][0]["groups"] == ["Café", "Tue"]


# -- an export for an organiser's own queries ------------------------------------------------------


def test_an_export_as_a_database_holds_what_the_summary_counts(home: Path, tmp_path: Path) -> None:
    weekly(home, 9)
    fake_log(home, "20260601-1230-prac", complete(AT + timedelta(days=90), speed=2.0))
    target = tmp_path / "sessions.db"
    result = balint("log", "export", "--sqlite", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {target} (9 sessions).\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    summary, _notes = _summary()
    with contextlib.closing(sqlite3.connect(target)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (3,)
        assert [
            r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ] == [
            "sessions",
            "phases",
        ]
        sessions, cases, minutes, online, completed = db.execute(
            "SELECT count(*), sum(cases), sum(minutes), sum(setting = 'online'), "
            "sum(status = 'completed') FROM sessions"
        ).fetchone()
        groups = dict(db.execute("SELECT group_label, count(*) FROM sessions GROUP BY 1"))
        (phases,) = db.execute("SELECT count(*) FROM phases").fetchone()
        over = db.execute(
            "SELECT title, count(*) FROM phases WHERE over_minutes > 0.5 GROUP BY title"
        ).fetchall()
    assert (sessions, cases, online, completed) == (
        summary["sessions"], summary["cases"], summary["online"], summary["completed"],
    )  # fmt: skip
    assert round(minutes, 1) == summary["minutes"]
    assert groups == {g["group"]: g["sessions"] for g in summary["groups"]}
    assert phases == 3 * sessions
    assert over == [(o["title"], o["over"]) for o in summary["phases_over"] if o["over"]]
    again = balint("log", "export", "--sqlite", str(target), "--group", "registrars")
    assert again.exit_code == 2
    assert "already exists; use --force" in again.stderr
    assert balint("log", "export", "--sqlite", str(target), "--force", "--group",
                  "registrars").exit_code == 0  # fmt: skip
    with contextlib.closing(sqlite3.connect(target)) as db:
        assert db.execute("SELECT DISTINCT group_label FROM sessions").fetchall() == [
            ("Registrars",)
        ]


def _read_batch_here(batch: Any) -> Any:
    """The reading of a batch of logs, leaving a mark of the process that read it."""
    (Path(os.environ["BALINT_TEST_READERS"]) / str(os.getpid())).touch()
    return _READ_BATCH(batch)


def test_logs_read_by_several_processes_make_the_same_index(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first report over many logs shares the reading between processes (here from a
    dozen logs, read in batches of two), and the index it makes is the same."""
    weekly(home, 12)
    fake_log(home, "junk", [{"event": "pause", "t": 1}])
    commands = [["log", "summary", "--json"], ["log", "list", "--all"], ["log", "export",
                "--csv", "-"]]  # fmt: skip
    alone = [balint(*command).output for command in commands]
    index_db(home).unlink()
    readers = tmp_path / "readers"
    readers.mkdir()
    monkeypatch.setenv("BALINT_TEST_READERS", str(readers))
    monkeypatch.setattr(refresh, "read_batch", _read_batch_here)
    monkeypatch.setattr(refresh, "PARALLEL", 4)
    monkeypatch.setattr(refresh, "BATCH", 2)
    monkeypatch.setattr(refresh, "BULK", 5)
    shared = [balint(*command).output for command in commands]
    assert shared == alone
    assert os.listdir(readers), "elsewhere"
    assert str(os.getpid()) not in os.listdir(readers), "elsewhere"
