"""Where the logs of a report come from: the user's own logs folder, or other leaders' folders
and bundles given with --from. Each is listed (names, sizes, and what says whether a log
changed) and read a log at a time; nothing is ever written into them.

A bundle is opened only while it is listed or read, never for the whole report: a report
over hundreds of bundles must not run out of open files.
"""

from __future__ import annotations

import errno
import hashlib
import lzma
import os
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from balint_cli.errors import BadInput, BalintError
from balint_cli.fs import locks
from balint_cli.fs.files import O_CLOEXEC, show_path
from balint_cli.fs.paths import LOG_SUFFIX, LOGS
from balint_cli.logbook.reading import MAX_LOG_BYTES, Damaged, SessionLog, parse_log, read_log

_WRAP, _HALF = 1 << 64, 1 << 63  # a stamp is kept as SQLite's 64-bit signed integer
MAX_MEMBERS = 1_000_000  # more logs than any programme keeps: a bundle with more is not one
Note = Callable[[str], None]
OWN = "logs"  # the key of the user's own logs
O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_STAT_IN_FOLDER = os.stat in os.supports_dir_fd and hasattr(os, "O_DIRECTORY")


class Entry(NamedTuple):
    """A log in a source: its name, its size, and its stamp (a file's `changed` times, a
    bundle member's CRC); a tuple, since a source lists a hundred thousand of them."""

    name: str
    size: int
    stamp: int


# A log as a listing gives it, (name, size, stamp): a plain tuple, equal to its Entry, made
# for every log on every report, so as cheap as a tuple can be.
Listed = tuple[str, int, int]


class Refused(NamedTuple):
    """A file in a bundle that is not read at all, and why (its path climbs out, or it is
    far too big): said in a note each time the bundle is reported on."""

    name: str
    reason: str


# What a damaged member of a bundle can raise as it is decompressed: one bad log, not a
# bad report.
_UNREADABLE = (
    zipfile.BadZipFile, zlib.error, lzma.LZMAError, OSError, ValueError, EOFError, RuntimeError,
    NotImplementedError, KeyError,
)  # fmt: skip


@dataclass
class Folder:
    """A folder of logs: the user's own logs/, or another leader's.

    A file name that is not UTF-8 (never one balint gives) is listed as it reads with its
    bad bytes replaced, which the index can keep; it is read by its real name.
    """

    path: Path
    key: str
    _real: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def label(self) -> str:
        return show_path(self.path)

    def stamp(self) -> tuple[int, int] | None:
        """None: a folder is listed every time (any log in it may have changed)."""
        return None

    def entries(self) -> tuple[list[Listed], list[Refused]]:
        """The logs in the folder, each with its size and modification time."""
        try:
            if _STAT_IN_FOLDER:
                return self._stamped(self._names()), []
            return self._listed(), []
        except (FileNotFoundError, NotADirectoryError):
            return [], []
        except OSError as err:
            raise BalintError(
                f"The logs folder {self.label} cannot be read: {err.strerror or err}."
            ) from None

    def _names(self) -> list[str]:
        with os.scandir(self.path) as listing:
            return [item.name for item in listing if item.name.endswith(LOG_SUFFIX)]

    def _stamped(self, names: list[str]) -> list[Listed]:
        """Each name with its size and modification time, looked up within the folder opened
        once (a lookup of one name, not of the whole path), in as few steps as a log can
        take: a plain tuple each, which compares as an Entry does."""
        found: list[Listed] = []
        add, look_up, regular = found.append, os.stat, stat.S_ISREG
        folder = os.open(self.path, os.O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try:
            for name in names:
                try:
                    info = look_up(name, dir_fd=folder)
                except OSError:  # gone meanwhile, or a link to nothing: read, to say so
                    add((self._shown(name), -1, 0))
                    continue
                if regular(info.st_mode) and name.isascii():
                    add((name, info.st_size, changed(info)))
                else:
                    add(self._entry(name, info))
        finally:
            os.close(folder)
        return found

    def _listed(self) -> list[Listed]:
        """The same where a folder cannot be opened for lookups (Windows: the listing has
        each file's size and time already)."""
        found: list[Listed] = []
        with os.scandir(self.path) as listing:
            for item in listing:
                if item.name.endswith(LOG_SUFFIX):
                    try:
                        found.append(self._entry(item.name, item.stat()))
                    except OSError:
                        found.append((self._shown(item.name), -1, 0))
        return found

    def _entry(self, name: str, info: os.stat_result) -> Listed:
        if stat.S_ISREG(info.st_mode):
            return self._shown(name), info.st_size, changed(info)
        return self._shown(name), -1, info.st_mode  # read, to say what

    def _shown(self, name: str) -> str:
        """The name as the index keeps it: its bad bytes replaced (the real one remembered)."""
        if name.isascii():
            return name
        shown = _replaced(name)
        if shown != name:
            self._real[shown] = name
        return shown

    def running(self, name: str) -> bool:
        """Whether a running balint holds the log's lock: its session is going on now."""
        return locks.in_use(self.path / self._real.get(name, name))

    def read(self, entries: list[Entry]) -> list[SessionLog | Damaged]:
        """Each entry's log, or why it is not one."""
        found: list[SessionLog | Damaged] = []
        for entry in entries:
            try:
                name = self._real.get(entry.name, entry.name)
                found.append(read_log(self.path / name, keep_events=False))
            except Damaged as err:
                found.append(err)
        return found


@dataclass
class Bundle:
    """A zip of logs made by `balint log export --bundle`, read where it lies (never unpacked).

    Members with a path that climbs out (`..`) or starts at the root are refused, and no
    member is read past the size of the largest log, whatever its header says. Its stamp is
    the zip file's size and `changed` times: a bundle that changed is read again whole.
    """

    path: Path
    key: str

    @property
    def label(self) -> str:
        return show_path(self.path)

    def running(self, name: str) -> bool:
        """False: a log in a bundle is a copy, which no session writes."""
        return False

    def stamp(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:  # gone meanwhile: listing it says so
            return -1, -1
        return info.st_size, changed(info)

    def _open(self) -> zipfile.ZipFile:
        try:
            return zipfile.ZipFile(self.path)
        except OSError as err:
            if err.errno in (errno.EMFILE, errno.ENFILE):
                raise BalintError(
                    f"{self.label} cannot be opened: too many files are open at once "
                    "(the system's limit); read fewer bundles at a time."
                ) from None
            reason = err.strerror or "it cannot be read"
            raise BadInput(self._not_one(reason)) from None
        except (zipfile.BadZipFile, ValueError, EOFError):
            raise BadInput(self._not_one("not a zip file")) from None

    def _not_one(self, reason: str) -> str:
        return (
            f"{self.label} is not a bundle of session logs ({reason}); give a folder of "
            "logs or a .zip made by `balint log export --bundle`."
        )

    def entries(self) -> tuple[list[Listed], list[Refused]]:
        with self._open() as archive:
            infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise BadInput(f"{self.label} holds {len(infos)} files, far more than any bundle.")
        found: list[Listed] = []
        refused = []
        for info in infos:
            name = PurePosixPath(info.filename)
            if info.is_dir() or not name.name.endswith(LOG_SUFFIX):
                continue
            if info.filename.startswith(("/", "\\")) or ".." in name.parts or "\\" in str(name):
                refused.append(Refused(info.filename, "its path is unsafe"))
            elif info.file_size > MAX_LOG_BYTES:
                refused.append(Refused(info.filename, "it is far too big"))
            else:
                found.append((info.filename, info.file_size, info.CRC))
        return found, refused

    def read(self, entries: list[Entry]) -> list[SessionLog | Damaged]:
        """Each entry's log, or why it is not one, the bundle opened once for them all.

        A name may be in a bundle twice: each of its members is read, in the bundle's order.
        """
        wanted = {entry.name for entry in entries}
        with self._open() as archive:
            members: dict[str, list[zipfile.ZipInfo]] = {}
            for info in archive.infolist():
                if info.filename in wanted:
                    members.setdefault(info.filename, []).append(info)
            return [self._member(archive, members[entry.name].pop(0)) for entry in entries]

    def _member(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> SessionLog | Damaged:
        try:
            with archive.open(info) as member:
                raw = member.read(MAX_LOG_BYTES + 1)
        except _UNREADABLE as err:
            return Damaged(f"cannot be read from the bundle ({err or type(err).__name__})")
        if len(raw) > MAX_LOG_BYTES:
            return Damaged("is far too big for a session log")
        try:
            return parse_log(raw, Path(PurePosixPath(info.filename).name), keep_events=False)
        except Damaged as err:
            return err


Source = Folder | Bundle


def chosen_sources(home: Path, paths: list[Path]) -> list[Source]:
    """The user's own logs, or the folders and bundles given with --from."""
    if not paths:
        return [Folder(home / LOGS, OWN)]
    found: list[Source] = []
    for path in paths:
        where = show_path(path)
        if path.is_dir():
            path = _logs_of(path)
            source: Source = Folder(path, "folder:" + _known_as(path))
        elif path.is_file():
            source = Bundle(path, "bundle:" + _known_as(path))
        elif path.exists():
            raise BadInput(f"{where} is neither a folder of logs nor a bundle.")
        else:
            raise BadInput(f"{where}: no such folder or bundle.")
        if all(source.key != given.key for given in found):  # one source, however often given
            found.append(source)
    return found


def read_at(target: Path, home: Path, paths: list[Path]) -> str | None:
    """The folder of logs or the bundle a file to write would land in or replace, of those a
    report reads (the user's own logs folder always): a CSV written there loses a log or a
    colleague's bundle, or is read as a damaged log ever after. None where it is apart."""
    real = Path(os.path.realpath(target))
    for source in [Folder(home / LOGS, OWN), *chosen_sources(home, paths)]:
        read = Path(os.path.realpath(source.path))
        if (real.parent if isinstance(source, Folder) else real) == read:
            return source.label
    return None


def _logs_of(folder: Path) -> Path:
    """The folder whose logs are read: a balint folder given whole (its logs in logs/, none
    beside them) is read as its logs folder, not as a folder of no logs."""
    inner = folder / LOGS
    if not inner.is_dir():
        return folder
    try:
        with os.scandir(folder) as listing:  # stops at the first log: a logs folder's own
            if any(item.name.endswith(LOG_SUFFIX) for item in listing):
                return folder
    except OSError:  # said as the folder is read
        return folder
    return inner


def changed(info: os.stat_result) -> int:
    """When a file last changed, as one number that SQLite's integers hold: its modification
    and status change times (ns) added, since a file rewritten and its modification time set
    back (touch -d) keeps its size and that time, but no one can set the change time back;
    wrapped into 64 bits, since a time set past 2262 would not fit."""
    return (info.st_mtime_ns + info.st_ctime_ns + _HALF) % _WRAP - _HALF


def _known_as(path: Path) -> str:
    """What a source is known by in the index, however its path was given."""
    real = os.fsencode(os.path.realpath(path))
    return hashlib.sha256(real).hexdigest()[:24]


def _replaced(name: str) -> str:
    """A file name with any bytes that are not UTF-8 replaced (U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
