"""Where balint touches files: reading what the user gave safely, writing what it makes.

Reading never blocks and never runs away: a file is opened without waiting (a FIFO would
hang an ordinary open), anything that is not a regular file is refused, and no more than a
cap is read (a link to /dev/zero would fill the memory). Writing keeps what the user has:
an existing file is replaced only when asked, keeps its mode, and a new one gets the
user's umask; the user's own folders are private (0700) whatever the umask. A temporary
file that a kill left behind is cleared away by a later write beside it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from balint_cli.core.text import inert
from balint_cli.errors import BadInput, BalintError

# Flags that do not exist everywhere (Windows has none of them): 0 where they are missing.
O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
O_NOCTTY = getattr(os, "O_NOCTTY", 0)
O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
O_BINARY = getattr(os, "O_BINARY", 0)

FOLDER_MODE = 0o700  # the user's own folders, and the files in them: theirs alone
FILE_MODE = 0o600

# balint's temporary files, as tempfile.mkstemp names them: the prefix, eight of its letters
# and the suffix. One a kill left behind is cleared away by a later write beside it, once no
# write of balint's could still be making it.
_TEMP_PREFIX, _TEMP_SUFFIX = ".balint-", ".tmp"
_LEFTOVER = re.compile(re.escape(_TEMP_PREFIX) + "[a-z0-9_]{8}" + re.escape(_TEMP_SUFFIX))
STALE_SECONDS = 3600.0

# Problems with the path the user gave (exit 2); any other failure to write is exit 1.
_USER_ERRNOS = {
    errno.ENOENT,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.ENAMETOOLONG,
    errno.ELOOP,
    errno.ENXIO,
}


class NotAFile(OSError):
    """A path that is there but is not a regular file (a folder, a FIFO, a device)."""


class TooBig(OSError):
    """A file far bigger than any balint reads."""


def show_path(path: Path | str) -> str:
    """A path as it can safely appear in a message."""
    return inert(str(path), one_line=True)


def read_capped(path: Path, cap: int) -> bytes:
    """The bytes of the regular file at path: at most cap, never waiting on a FIFO or device.

    NotAFile for anything but a regular file, TooBig past cap, OSError when it cannot be read.
    """
    fd = os.open(path, os.O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_BINARY)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(errno.EINVAL, kind(info.st_mode))
        chunks, size = [], 0
        want = info.st_size + 1  # the whole file in one read, and a byte more to see it end
        while size <= cap:
            chunk = os.read(fd, min(cap + 1 - size, want))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            want = 1 << 16  # a file that grew as it was read: the rest in modest pieces
        if size > cap:
            raise TooBig(errno.EFBIG, "too big")
        return b"".join(chunks)
    finally:
        os.close(fd)


def kind(mode: int) -> str:
    """What a file that is not a regular file is, in a word."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def kind_of(path: Path) -> str:
    """A word for what is at path when it is not a regular file (for messages)."""
    try:
        return kind(path.stat().st_mode)
    except OSError:
        return "not a regular file"


def private_folder(folder: Path) -> Path:
    """folder, made with its missing parents open to the owner only (0700) whatever the umask.

    Only folders made here are given that mode: one that is already there is left as it is.
    """
    missing = []
    at = folder
    while not os.path.lexists(at):
        missing.append(at)
        if at.parent == at:
            break
        at = at.parent
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another balint made it meanwhile
            os.mkdir(made, FOLDER_MODE)
            with contextlib.suppress(OSError):
                os.chmod(made, FOLDER_MODE)
    return folder


def umask() -> int:
    """The process's umask (reading it means setting it: put straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


Text = str | bytes | Iterable[str]  # all at once, or a piece at a time (a long export)


def write_atomic(
    path: Path,
    text: Text,
    *,
    force: bool = False,
    private: bool = False,
    make_folder: bool = False,
) -> None:
    """Write text to path all at once: a reader sees the old file or the new, never half.

    Text given a piece at a time is written as it comes, so a long export never needs to be
    held whole; if making it fails (a BalintError from the pieces), nothing is replaced.

    Without force an existing file is never replaced. A link is followed (the file it points
    to is replaced, the link kept), and a pipe or device such as /dev/stdout is written to.
    A replaced file keeps its mode and a new one gets the umask's; a private one is 0600. The
    folder must exist unless make_folder (the user's own folders, made private).
    """

    def fill(handle: BinaryIO) -> None:
        _write(handle, text)

    _put(path, fill, force=force, private=private, make_folder=make_folder)


def write_made(path: Path, make: Callable[[Path], None], *, force: bool, private: bool) -> None:
    """Put the file that make writes at the path it is given (a zip, a database) at path, as
    write_atomic puts text: whole or not at all, and never over a file without force."""

    def fill(handle: BinaryIO) -> None:
        with tempfile.TemporaryDirectory(prefix="balint-") as folder:
            made = Path(folder) / "made"
            make(made)
            with made.open("rb") as source:
                shutil.copyfileobj(source, handle, 1 << 20)

    _put(path, fill, force=force, private=private, make_folder=False, made=make)


def _put(
    path: Path,
    fill: Callable[[BinaryIO], None],
    *,
    force: bool,
    private: bool,
    make_folder: bool,
    made: Callable[[Path], None] | None = None,
) -> None:
    """The file fill writes put at path, safely (write_atomic); a file that another writer
    makes (made) is made beside path and renamed into place, never copied."""
    where = show_path(path)
    try:
        if path.is_dir():
            raise BadInput(f"{where} is a folder; give the path of a file to write.")
        if path.exists():
            mode = path.stat().st_mode
            if not stat.S_ISREG(mode):
                _write_through(path, fill)
                return
            if not force:
                raise BadInput(f"{where} already exists; use --force to replace it.")
            keep: int | None = stat.S_IMODE(mode)
        else:
            keep = None
        real = Path(os.path.realpath(path))
        if make_folder:
            private_folder(real.parent)
        elif not real.parent.is_dir():
            raise BadInput(
                f"{where} cannot be written: there is no folder {show_path(real.parent)}."
            )
        if private:  # log data: the owner's alone, even in a file that was open to others
            keep = FILE_MODE
        elif keep is None:
            keep = 0o666 & ~umask()
        _replace(real, fill, keep, made)
    except OSError as err:
        reason = err.strerror or str(err)
        if err.errno in _USER_ERRNOS:
            if err.errno == errno.ENXIO:
                reason = "nothing is reading from it"
            raise BadInput(f"{where} cannot be written: {reason}.") from None
        raise BalintError(f"{where} cannot be written: {reason}.") from None


def _write_through(path: Path, fill: Callable[[BinaryIO], None]) -> None:
    """Write to a pipe or device; a pipe that nobody reads is refused, not waited on."""
    fd = os.open(path, os.O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
    if O_NONBLOCK:
        os.set_blocking(fd, True)  # now that it is open, wait for a slow reader as usual
    with os.fdopen(fd, "wb") as handle:
        fill(handle)


def _write(handle: BinaryIO, text: Text) -> None:
    """text into an open file, as UTF-8; pieces gathered a few hundred at a time."""
    if isinstance(text, bytes):
        handle.write(text)
        return
    if isinstance(text, str):
        text = [text]
    pieces: list[str] = []
    for piece in text:
        pieces.append(piece)
        if len(pieces) == 512:
            handle.write("".join(pieces).encode("utf-8"))
            pieces.clear()
    handle.write("".join(pieces).encode("utf-8"))


def _replace(
    path: Path, fill: Callable[[BinaryIO], None], mode: int, made: Callable[[Path], None] | None
) -> None:
    """Write a temporary file beside path, then rename it over path in one step."""
    fd, tmp = _temporary(path.parent)
    try:
        if made is not None:
            os.close(fd)
            made(Path(tmp))
            fd = os.open(tmp, os.O_RDONLY | O_CLOEXEC | O_BINARY)
            with contextlib.suppress(OSError):  # not every system syncs a read-only handle
                os.fsync(fd)
            os.close(fd)
        else:
            with os.fdopen(fd, "wb") as handle:
                fill(handle)
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def replace_quickly(path: Path, data: bytes) -> None:
    """Put data at path in one step, readable by the owner alone, without waiting for the disk.

    For a file that only says how things are now (the group view's state): a reader sees
    the old or the new, never half; a crash may lose it, which costs nothing. A link at
    path is replaced, not followed. OSError if it cannot be written.
    """
    fd, tmp = _temporary(path.parent)  # 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_swept: set[Path] = set()  # the folders cleared of leftovers: once a process is enough


def _temporary(folder: Path) -> tuple[int, str]:
    """A new temporary file of balint's in folder, open (0600), after clearing old ones away."""
    if folder not in _swept:
        _swept.add(folder)
        _clear_leftovers(folder, time.time() - STALE_SECONDS)
    return tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=folder)


def _clear_leftovers(folder: Path, before: float) -> None:
    """Remove the temporary files a killed balint left in folder, untouched since before.

    Only balint's own: named as it names them, regular files (never a link) of this user's.
    """
    uid = os.getuid() if hasattr(os, "getuid") else None  # Windows: the user's own folders
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not _LEFTOVER.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):  # gone meanwhile, or not ours to remove
                info = entry.stat(follow_symlinks=False)
                mine = uid is None or info.st_uid == uid
                if stat.S_ISREG(info.st_mode) and mine and info.st_mtime < before:
                    os.unlink(entry.path)
