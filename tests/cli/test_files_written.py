"""Files balint writes for the user never replace one without --force, and follow links."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from support.helpers import SHORT_FORMAT, balint, write

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
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_pipe_gets_the_handout(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so opening it to write won't block
    try:
        result = balint("handout", "45min", "-o", str(fifo))
        assert result.exit_code == 0, result.output
        assert os.read(reader, 1 << 16).startswith(b"# 45-minute lunchtime group")
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_handout_never_replaces_its_own_format(tmp_path: Path) -> None:
    fmt = write(tmp_path / "group.md", SHORT_FORMAT)  # a format's file named as a handout
    result = balint("handout", str(fmt), "-o", str(fmt), "--force")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {fmt} is the format itself; write the handout elsewhere.\n")
    assert fmt.read_text() == SHORT_FORMAT
