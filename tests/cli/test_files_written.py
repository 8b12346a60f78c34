"""Files balint writes and reads: a name a person can type and see, never one replaced without
--force, links followed, devices and FIFOs refused, private modes, the umask kept, leftovers
cleared, unreadable folders said."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from support.helpers import SHORT_FORMAT, balint, fifo, no_crash, write
from support.leftovers import left, leftovers
from support.logfixtures import LOG_COMMANDS, complete, fake_log, session

# Each command that writes a file the user names: (its arguments up to the path, the flag),
# and the end of a name for what it writes.
WRITERS = [
    ("handout", ["handout", "45min", "-o"], ".md"),
    ("handout html", ["handout", "45min", "--format", "html", "-o"], ".html"),
    ("log export", ["log", "export", "--csv"], ".csv"),
    ("formats new", ["formats", "new", "mine", "-o"], ".toml"),
]
IDS = [w[0] for w in WRITERS]


@pytest.mark.parametrize(("command", "suffix"), [w[1:] for w in WRITERS], ids=IDS)
def test_an_existing_file_is_kept_without_force(
    tmp_path: Path, command: list[str], suffix: str
) -> None:
    target = write(tmp_path / f"precious{suffix}", "the only copy\n")
    refused = balint(*command, str(target))
    assert refused.exit_code == 2
    assert refused.stderr == f"Error: {target} already exists; use --force to replace it.\n"
    assert target.read_text() == "the only copy\n"
    forced = balint(*command, str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_text() != "the only copy\n"


@pytest.mark.parametrize(("command", "suffix"), [w[1:] for w in WRITERS], ids=IDS)
def test_a_link_is_followed_and_kept(tmp_path: Path, command: list[str], suffix: str) -> None:
    real = write(tmp_path / "shared" / f"real{suffix}", "old\n")
    link = tmp_path / f"link{suffix}"
    link.symlink_to(real)
    result = balint(*command, str(link), "--force")
    assert result.exit_code == 0, result.output
    assert link.is_symlink(), "the link is still a link"
    assert real.read_text() != "old\n", "the file it points to has the new content"
    assert sorted(p.name for p in real.parent.iterdir()) == [real.name], "no temporary left"


@pytest.mark.parametrize("command", [w[1] for w in WRITERS], ids=IDS)
def test_a_device_is_written_to_not_replaced(command: list[str]) -> None:
    before = os.stat("/dev/null")
    result = balint(*command, "/dev/null")
    assert result.exit_code == 0, result.output
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert after.st_ino == before.st_ino


def test_a_pipe_gets_the_handout(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # so opening it to write won't block
    try:
        result = balint("handout", "45min", "-o", str(pipe))
        assert result.exit_code == 0, result.output
        assert os.read(reader, 1 << 16).startswith(b"# 45-minute lunchtime group")
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_a_handout_never_replaces_its_own_format(tmp_path: Path) -> None:
    fmt = write(tmp_path / "group.md", SHORT_FORMAT)  # a format's file named as a handout
    result = balint("handout", str(fmt), "-o", str(fmt), "--force")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {fmt} is the format itself; write the handout elsewhere.\n")
    assert fmt.read_text() == SHORT_FORMAT


AT = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)


@pytest.mark.usefixtures("no_hang")
def test_a_fifo_nobody_reads_is_refused_as_output(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "out.md")
    result = balint("handout", "45min", "-o", str(pipe))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {pipe} cannot be written: nothing is reading from it.\n"


@pytest.mark.usefixtures("no_hang")
def test_a_full_disk_is_a_failure_not_bad_input() -> None:
    result = balint("handout", "45min", "-o", "/dev/full")
    assert result.exit_code == 1
    assert result.stderr == "Error: /dev/full cannot be written: No space left on device.\n"


def _refusing(real: Any, locked: list[Path]) -> Any:
    def refuse(path: Any = ".") -> Any:
        if Path(path) in locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    return refuse


@pytest.fixture
def locked_out(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A balint home whose formats/ and logs/ folders its user cannot read (after `sudo`).

    Root reads any folder, so as root the folders refuse through the one call that lists them.
    """
    write(home / "formats" / "mine.toml", SHORT_FORMAT)
    fake_log(home, "20261120-1230-good", complete(AT))
    locked = [home / "formats", home / "logs"]
    if os.getuid() == 0:
        for name in ("scandir", "listdir"):
            monkeypatch.setattr(os, name, _refusing(getattr(os, name), locked))
    for folder in locked:
        folder.chmod(0o000)
    try:
        yield home
    finally:
        for folder in locked:
            folder.chmod(0o700)


@pytest.mark.usefixtures("no_hang")
def test_an_unreadable_formats_folder_leaves_the_builtins_working(locked_out: Path) -> None:
    listed = balint("formats", "list")
    assert listed.exit_code == 0, listed.output
    assert "45min" in listed.stdout
    assert listed.stderr == (
        f"Note: Your formats folder {locked_out / 'formats'} cannot be read: Permission denied.\n"
    )
    planned = balint("plan", "45min")
    no_crash(planned)
    assert planned.exit_code == 0, planned.output


@pytest.mark.usefixtures("no_hang")
def test_an_unreadable_logs_folder_is_one_sentence(locked_out: Path) -> None:
    for command in LOG_COMMANDS:
        result = balint(*command)
        no_crash(result)
        assert result.exit_code == 1
        assert result.stderr == (
            f"Error: The logs folder {locked_out / 'logs'} cannot be read: Permission denied.\n"
        )


@contextlib.contextmanager
def _umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("no_hang")
def test_the_users_folder_is_private_whatever_the_umask(home: Path) -> None:
    with _umask(0o000):
        assert balint("run", "--speed", "100000").exit_code == 0
        assert balint("formats", "new", "mine").exit_code == 0
    for folder in (home, home / "logs", home / "formats"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


@pytest.mark.usefixtures("no_hang")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_handout_follows_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    target = tmp_path / "handout.md"
    with _umask(mask):
        assert balint("handout", "45min", "-o", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.usefixtures("no_hang")
def test_force_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    handout = write(tmp_path / "handout.md", "mine\n")
    made = write(tmp_path / "x.toml", "mine\n")
    for target in (handout, made):
        target.chmod(0o600)
    with _umask(0o022):
        assert balint("handout", "45min", "-o", str(handout), "--force").exit_code == 0
        assert balint("formats", "new", "x", "-o", str(made), "--force").exit_code == 0
    assert stat.S_IMODE(handout.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.stat().st_mode) == 0o600


WRITES = {
    "handout": ["handout", "45min", "-o", "written.md"],
    "log export": ["log", "export", "--csv", "written.csv"],
    "portfolio": ["log", "portfolio", "--csv", "written.csv"],
}


@pytest.mark.parametrize("command", list(WRITES))
def test_a_write_clears_away_balints_stale_leftovers_beside_it(
    home: Path, tmp_path: Path, command: str
) -> None:
    session(home, "45min")
    folder = tmp_path / "out"
    stale = leftovers(folder)
    *args, name = WRITES[command]
    result = balint(*args, str(folder / name))
    assert result.exit_code == 0, result.output
    assert left(stale) == set(stale) - {"stale"}
    assert (tmp_path / "elsewhere.txt").read_text() == "not balint's\n", "a link's file kept"


FILE_OPTIONS = [
    ("handout", "45min", "-o"),
    ("log", "report", "-o"),
    ("log", "progress", "--towards", "uk", "-o"),
    ("sheet", "--sign-in", "-o"),
    ("formats", "new", "mine", "-o"),
    ("log", "export", "--csv"),
    ("log", "export", "--sqlite"),
    ("log", "export", "--bundle"),
    ("log", "portfolio", "--csv"),
]


@pytest.mark.parametrize("name", [" ", "", "\x1b[31m.html", "a\nb.html"])
@pytest.mark.parametrize("command", FILE_OPTIONS, ids=lambda c: " ".join(c[:2]))
def test_a_name_no_one_could_type_is_refused(
    command: tuple[str, ...], name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = balint(*command, name)
    assert result.exit_code == 2, result.output
    said = "a file's name" if not name.strip() else "a file's name without control characters"
    assert f"must be {said}, not '" in result.output
    assert "\x1b" not in result.output
    assert os.listdir(tmp_path) == []
