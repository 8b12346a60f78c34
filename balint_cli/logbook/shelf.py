"""Every log a report reads, a session at a time: the user's own, or other leaders' pooled
from folders and bundles, through a small index of tallies kept in the user's folder.

The index holds each log's `Tally` keyed by its file name, size and modification time (a
bundle member's by its name, size and CRC), so a repeated report reads one small file
instead of thousands of logs. It is never trusted over the logs: a log that changed, was
added or was edited is read again; one that went is dropped; an index that is damaged or
from another balint is rebuilt. It is written whole, beside the old one, then swapped in.

Logs are read in the order of their ids (their start), merged across sources; a session in
two pooled bundles (the same id and start) is counted once.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import heapq
import json
import os
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from operator import attrgetter
from pathlib import Path, PurePosixPath
from typing import IO, Any, NamedTuple, Protocol

from balint_cli.errors import BadInput, BalintError
from balint_cli.files import private_folder, show_path
from balint_cli.logbook import SUFFIX, log_dir
from balint_cli.logbook.reading import (
    MAX_LOG_BYTES,
    Damaged,
    name_order,
    name_sorted,
    parse_log,
    read_log,
)
from balint_cli.logbook.tallies import Outline, Tally

INDEX_VERSION = 2
MAX_MEMBERS = 1_000_000  # more logs than any programme keeps: a bundle with more is not one
Note = Callable[[str], None]


class Entry(NamedTuple):
    """A log in a source: its name, and what says whether it changed (a tuple: a source
    lists a hundred thousand of them)."""

    name: str
    size: int
    stamp: int  # a file's modification time in ns, a bundle member's CRC


class Source(Protocol):
    """Where logs come from: a folder of them, or a bundle."""

    label: str  # for notes
    key: str  # names its index

    def entries(self, note: Note) -> list[Entry]: ...

    def read(self, entry: Entry) -> Tally:
        """The entry's tally; Damaged if it is not a log."""
        ...


class Folder:
    """A folder of logs: the user's own logs/, or another leader's."""

    def __init__(self, path: Path, key: str) -> None:
        self.path = path
        self.label = show_path(path)
        self.key = key
        self._found: list[Entry] | None = None

    def entries(self, note: Note) -> list[Entry]:
        if self._found is None:  # listed once per command, however often asked
            self._found = self._list()
        return self._found

    def _list(self) -> list[Entry]:
        found = []
        try:
            with os.scandir(self.path) as listing:
                for item in listing:
                    if not item.name.endswith(SUFFIX):
                        continue
                    try:
                        info = item.stat()
                    except OSError:  # gone meanwhile, or a link to nothing: read, to say so
                        found.append(Entry(item.name, -1, 0))
                        continue
                    if stat.S_ISREG(info.st_mode):
                        found.append(Entry(item.name, info.st_size, info.st_mtime_ns))
                    else:
                        found.append(Entry(item.name, -1, info.st_mode))  # read, to say what
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as err:
            raise BalintError(
                f"The logs folder {self.label} cannot be read: {err.strerror or err}."
            ) from None
        return name_sorted(found, attrgetter("name"))

    def read(self, entry: Entry) -> Tally:
        return _tally(read_log(self.path / entry.name, keep_events=False))


class Bundle:
    """A zip of logs made by `balint log export --bundle`, read where it lies (never unpacked).

    Members with a path that climbs out (`..`) or starts at the root are refused, and no
    member is read past the size of the largest log, whatever its header says.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = show_path(path)
        self.key = "bundle-" + _digest(path)
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else "not a zip file"
            raise BadInput(
                f"{self.label} is not a bundle of session logs ({reason}); give a folder of "
                "logs or a .zip made by `balint log export --bundle`."
            ) from None
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._found: list[Entry] | None = None

    def entries(self, note: Note) -> list[Entry]:
        if self._found is None:  # listed once per command, however often asked
            self._found = self._list(note)
        return self._found

    def _list(self, note: Note) -> list[Entry]:
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise BadInput(f"{self.label} holds {len(infos)} files, far more than any bundle.")
        found = []
        for info in infos:
            name = PurePosixPath(info.filename)
            if info.is_dir() or not name.name.endswith(SUFFIX):
                continue
            if info.filename.startswith(("/", "\\")) or ".." in name.parts or "\\" in str(name):
                note(f"Skipped {show_path(info.filename)} in {self.label}: its path is unsafe.")
                continue
            if info.file_size > MAX_LOG_BYTES:
                note(f"Skipped {show_path(info.filename)} in {self.label}: it is far too big.")
                continue
            self._members[name.name] = info
            found.append(Entry(name.name, info.file_size, info.CRC))
        return name_sorted(found, attrgetter("name"))

    def read(self, entry: Entry) -> Tally:
        info = self._members[entry.name]
        try:
            with self._zip.open(info) as member:
                raw = member.read(MAX_LOG_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as err:
            raise Damaged(f"cannot be read from the bundle ({err})") from None
        if len(raw) > MAX_LOG_BYTES:
            raise Damaged("is far too big for a session log")
        return _tally(parse_log(raw, Path(entry.name), keep_events=False))

    def close(self) -> None:
        self._zip.close()


def _tally(log: Any) -> Tally:
    tally = Tally.of(log)
    if log.skipped_lines:
        raise _Scarred(tally, log.skipped_lines)
    return tally


class _Scarred(Exception):
    """A log read whole but for some damaged lines: its tally, and a note to give."""

    def __init__(self, tally: Tally, lines: int) -> None:
        self.tally = tally
        self.lines = lines


def _digest(path: Path) -> str:
    return hashlib.sha256(os.fsencode(os.path.realpath(path))).hexdigest()[:16]


def sources(home: Path, paths: list[Path]) -> list[Source]:
    """The user's own logs, or the folders and bundles given with --from."""
    if not paths:
        return [Folder(log_dir(home), "logs")]
    found: list[Source] = []
    for path in paths:
        where = show_path(path)
        if path.is_dir():
            found.append(Folder(path, "folder-" + _digest(path)))
        elif path.is_file():
            found.append(Bundle(path))
        elif path.exists():
            raise BadInput(f"{where} is neither a folder of logs nor a bundle.")
        else:
            raise BadInput(f"{where}: no such folder or bundle.")
    return found


def tallies(home: Path, chosen: list[Source], note: Note) -> Iterator[Tally]:
    """Every session in the sources, a tally at a time, in the order of their ids.

    A session found in more than one source (the same id and start) comes once.
    """
    streams = [_read_source(home, source, note) for source in chosen]
    seen: set[tuple[str, str]] = set()
    merged = (
        heapq.merge(*streams, key=lambda pair: name_order(pair[0]))
        if len(streams) > 1
        else streams[0]
    )
    with _bulk():
        for _name, tally in merged:
            if len(streams) > 1:
                if tally.key in seen:
                    continue
                seen.add(tally.key)
            yield tally


@contextlib.contextmanager
def _bulk() -> Iterator[None]:
    """Python's collector of reference cycles spared the objects alive before the tallies.

    Every few hundred new objects the collector walks what is alive, and now and then all of
    it: the modules, Typer and Rich too, over and over while a hundred thousand tallies
    stream past (a quarter of the time of such a report). Frozen, what was alive before is
    left out of every walk; cycles made meanwhile (a JSON encoder with indentation makes
    one each time) are still collected, so memory stays flat. Thawed as the report ends.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _read_source(home: Path, source: Source, note: Note) -> Iterator[tuple[str, Tally]]:
    """A source's tallies, each with its log's name, from its index where the index still
    holds, and the index mended."""
    entries = source.entries(note)
    if not entries:
        return
    index = _Index(home / "index" / f"{source.key}.jsonl")
    try:
        old = index.lines()
        current = next(old, None)
        for entry in entries:
            name = entry.name
            while current is not None and current[1][0] != name:
                if name_order(current[1][0]) > name_order(name):
                    break  # a new log, not in the index yet
                current = next(old, None)  # a log that is gone
                index.changed = True
            found = None
            if current is not None and current[1][:3] == [name, entry.size, entry.stamp]:
                found = index.meaning(*current)  # the same name, size and stamp: believed
                current = next(old, None)
            if found is None:  # not in the index, changed since, or not believable
                found = index.fresh(source, entry)
            tally, said = found
            if said:
                note(said_in(source, said))
            if tally is not None:
                yield name, tally
        if current is not None:
            index.changed = True
        index.finish()
    finally:
        index.abandon()
        if isinstance(source, Bundle):
            source.close()


def said_in(source: Source, said: str) -> str:
    """A note about a log, saying where it is when it is not one of the user's own."""
    return said if source.key == "logs" else f"{said[:-1]} (in {source.label})."


def read_entry(source: Source, entry: Entry) -> tuple[Tally | None, str]:
    """An entry's tally read from the log itself (None if it is damaged), and a note, if any."""
    try:
        return source.read(entry), ""
    except _Scarred as scar:
        return scar.tally, f"{show_path(entry.name)}: {scar.lines} damaged line(s) skipped."
    except Damaged as err:
        return None, f"Skipped {show_path(entry.name)}: it {err}."


class _Index:
    """One source's index file: read as it stands, rewritten only when something changed.

    Its lines: a header; outlines (a format's phases, shared by its sessions), each before
    the first tally that uses it; and a tally per log, [name, size, stamp, tally, note].

    While every log is as the index says, nothing is written. At the first change, the lines
    kept so far (the old index's first ones, in order, since any gap is itself a change) are
    copied from the old file into the new one, which then takes every line that follows.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.changed = False
        self._texts: dict[str, str] = {}  # each outline's line, by its key
        self._outlines: dict[str, Outline] = {}
        self._written: set[str] = set()
        self._out: IO[str] | None = None
        self._tmp = ""
        self._kept = 0  # tally lines kept as they were, not yet written anywhere

    def lines(self) -> Iterator[tuple[str, list[Any]]]:
        """The index's tally lines as written and as read; none once it proves unusable."""
        try:
            handle = self.path.open(encoding="utf-8")
        except OSError:
            self.changed = True
            return
        with handle:
            try:
                if json.loads(handle.readline()) != {"balint-index": INDEX_VERSION}:
                    raise ValueError("another version")
            except (ValueError, RecursionError):
                self.changed = True
                return
            while True:
                texts = handle.readlines(1 << 20)  # a megabyte at a time: memory stays flat
                if not texts:
                    return
                for text, line in zip(texts, _parse(texts), strict=True):
                    if line is None or not text.endswith("\n"):  # damaged: read the logs
                        self.changed = True
                        return
                    if line[0] == OUTLINE:
                        self._texts[line[1]] = text
                        self._outlines[line[1]] = _outline(line[2])
                    else:
                        yield text, line

    def meaning(self, text: str, line: list[Any]) -> tuple[Tally | None, str] | None:
        """An index line's tally (None for a damaged log) and its note; None if unbelievable."""
        try:
            tally = Tally.from_json(line[3], self._outlines) if line[3] is not None else None
        except (ValueError, TypeError, IndexError, KeyError, AttributeError):
            return None
        self._keep(text, line[3][21] if tally is not None else None)
        return tally, line[4] or ""

    def fresh(self, source: Source, entry: Entry) -> tuple[Tally | None, str]:
        """An entry read from the log itself, and its line written to the new index."""
        self.changed = True
        tally, said = read_entry(source, entry)
        value, key = None, None
        if tally is not None:
            key = tally.outline_key
            if key not in self._outlines:
                self._texts[key] = _dumps([OUTLINE, key, [list(p) for p in tally.outline]])
                self._outlines[key] = tally.outline
            value = tally.to_json()
        self._keep(_dumps([entry.name, entry.size, entry.stamp, value, said or None]), key)
        return tally, said

    def _keep(self, text: str, key: str | None) -> None:
        """Keep a line in the index: counted while nothing has changed, else written to the
        new index after the outline it needs (keyed by key)."""
        if self._out is None:
            if not self.changed:
                self._kept += 1
                return
            if not self._open():
                return
        assert self._out is not None
        if key is not None and key not in self._written:
            self._out.write(self._texts[key])
            self._written.add(key)
        self._out.write(text)

    def _open(self) -> bool:
        if self._tmp == "-":
            return False
        try:
            private_folder(self.path.parent)
            fd, self._tmp = tempfile.mkstemp(prefix=".index-", dir=self.path.parent)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            self._out = os.fdopen(fd, "w", encoding="utf-8")
            self._out.write(json.dumps({"balint-index": INDEX_VERSION}) + "\n")
            self._copy_kept()
        except OSError:  # a folder that cannot be written: reports go on without an index
            if self._out is not None:
                self._out.close()
                self._out = None
            self._tmp = "-"
            return False
        return True

    def _copy_kept(self) -> None:
        """The lines kept before the first change, copied from the old index as they were."""
        assert self._out is not None
        if not self._kept:
            return
        with self.path.open(encoding="utf-8") as old:
            old.readline()  # the header, checked as the index was read
            for text in old:
                if text.startswith(_OUTLINE_START):
                    self._written.add(json.loads(text)[1])
                    self._out.write(text)
                    continue
                self._out.write(text)
                self._kept -= 1
                if not self._kept:
                    return

    def finish(self) -> None:
        if self._out is None and self.changed:
            self._open()  # only lines gone at the end: the rest kept, as it was
        if self._out is None:
            return
        self._out.close()
        self._out = None
        if self.changed:
            with contextlib.suppress(OSError):
                os.replace(self._tmp, self.path)
                self._tmp = ""

    def abandon(self) -> None:
        """Whatever was not swapped in goes: an index never holds half a reading."""
        if self._out is not None:
            self._out.close()
            self._out = None
        if self._tmp and self._tmp != "-":
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
        self._tmp = ""


OUTLINE = "outline"
_OUTLINE_START = '["outline",'  # how an outline's line begins, as _dumps writes it


def _dumps(line: list[Any]) -> str:
    return json.dumps(line, separators=(",", ":")) + "\n"  # ASCII: any name, any title


def _outline(value: Any) -> Outline:
    if type(value) is not list or any(type(p) is not list or len(p) != 4 for p in value):
        raise ValueError("not an outline")
    return tuple(tuple(p) for p in value)


def _parse(texts: list[str]) -> list[list[Any] | None]:
    """Index lines parsed, many in one go (quick), else one by one (to find a damaged one)."""
    try:
        values = json.loads("[" + ",".join(texts) + "]")
    except (ValueError, RecursionError):
        values = [_json(text) for text in texts]
    return [_shaped(value) for value in values]


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _shaped(line: Any) -> list[Any] | None:
    """A line of the index, checked for shape: a damaged index is never believed."""
    if type(line) is list and len(line) == 3 and line[0] == OUTLINE and type(line[1]) is str:
        try:
            _outline(line[2])
        except ValueError:
            return None
        return line
    if (
        type(line) is not list
        or len(line) != 5
        or type(line[0]) is not str
        or type(line[1]) is not int
        or type(line[2]) is not int
        or not (line[3] is None or type(line[3]) is list)
        or not (line[4] is None or type(line[4]) is str)
    ):
        return None
    return line


def bundle(home: Path, names: list[str], target: Path, force: bool) -> None:
    """A zip of the named logs, as they are, to hand to an organiser."""
    import io

    from balint_cli.files import write_atomic

    buffer = io.BytesIO()
    folder = log_dir(home)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            try:
                archive.write(folder / name, arcname=f"logs/{name}")
            except OSError as err:
                raise BalintError(
                    f"{show_path(name)} cannot be read for the bundle: {err.strerror or err}."
                ) from None
    write_atomic(target, buffer.getvalue(), force=force, private=True)
