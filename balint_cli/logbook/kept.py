"""The last summaries, kept beside the index: a report asked for again over the same logs.

An organiser runs the same reports again and again. The sums of each of the last eight
choices (dates, group, practice, and the sources read) are kept in the user's index folder,
a file each (`summary-<key>.json`), with a fingerprint of every log they came from (each
log's name, size and modification time, or a bundle member's CRC). Asked again, the logs
are listed (never read); if every one is as it was, the kept sums are the answer, with the
notes and the group labels of that time. When the only change is new sessions after the
last one summed (the usual case: the leader ran a session since), only their logs are read
and added to the kept sums, in the order a full sum would take them, so the result is the
same. Anything else (a log changed, corrected or gone, a choice not kept, a kept file that
is damaged or from another balint) sums the tallies afresh, through the index, and keeps
the new sums. Like the index, they are never trusted over the logs, hold counts and labels
only, are the owner's alone (0600), and can be deleted without losing anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from balint_cli.errors import BalintError
from balint_cli.files import read_capped, write_atomic
from balint_cli.logbook import shelf
from balint_cli.logbook.summary import Summary, from_json, summarise, to_json
from balint_cli.logbook.tallies import Choice, Tally

VERSION = 1
KEEP = 8  # the sums of this many choices are kept: an organiser moves between groups and terms
_MAX_BYTES = 16 * 1024 * 1024


def kept_files(folder: Path) -> list[Path]:
    """The kept sums in an index folder, one file per choice, the oldest first."""
    found = []
    for path in folder.glob("summary-*.json"):
        with contextlib.suppress(OSError):
            found.append((path.stat().st_mtime_ns, path))
    return [path for _mtime, path in sorted(found)]


def _file(folder: Path, chosen: list[shelf.Source], choice: Choice) -> Path:
    """Where the sums of this choice over these sources are kept."""
    what = repr((VERSION, choice, [source.key for source in chosen]))
    key = hashlib.blake2b(what.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return folder / f"summary-{key}.json"


def summed(
    home: Path,
    chosen: list[shelf.Source],
    choice: Choice,
    note: shelf.Note,
    known: set[str],
) -> Summary:
    """The sums over the sessions chosen from the sources; the group labels met go in known."""
    path = _file(home / "index", chosen, choice)
    found = _read(path)
    then = (found.fingerprint, found.count) if found is not None else None
    fingerprint, before, count = _fingerprint(chosen, choice, note, then)
    if found is not None and found.fingerprint == fingerprint:
        for said in found.notes:
            note(said)
        known.update(found.labels)
        return found.summary
    notes: list[str] = []

    def keep_note(said: str) -> None:
        notes.append(said)
        note(said)

    labels: set[str] = set()
    if found is not None and before is not None:  # only sessions newer than those summed
        notes += found.notes
        for said in notes:
            note(said)
        labels.update(found.labels)
        newer = _newer(chosen[0], before, choice, keep_note, labels)
        summary = summarise(newer, found.summary)
    else:
        summary = summarise(_chosen(home, chosen, choice, keep_note, labels))
    known.update(labels)
    kept = {
        "balint-summary": VERSION,
        "fingerprint": fingerprint,
        "count": count,
        "notes": notes,
        "labels": sorted(labels),
        "summary": to_json(summary),
    }
    with contextlib.suppress(BalintError):  # a folder that cannot be written: no harm done
        write_atomic(path, json.dumps(kept), force=True, private=True, make_folder=True)
        for old in [*kept_files(path.parent)[:-KEEP], path.parent / "summary.json"]:
            with contextlib.suppress(OSError):  # the oldest choices, and an earlier balint's
                old.unlink()
    return summary


def _chosen(
    home: Path, chosen: list[shelf.Source], choice: Choice, note: shelf.Note, labels: set[str]
) -> Iterator[Tally]:
    for tally in shelf.tallies(home, chosen, note):
        if tally.group:
            labels.add(tally.group)
        if choice.takes(tally):
            yield tally


def _newer(
    source: shelf.Source, before: int, choice: Choice, note: shelf.Note, labels: set[str]
) -> Iterator[Tally]:
    """The tallies of a source's sessions after its first `before`, read from their logs."""
    for entry in source.entries(note)[before:]:
        tally, said = shelf.read_entry(source, entry)
        if said:
            note(shelf.said_in(source, said))
        if tally is not None:
            if tally.group:
                labels.add(tally.group)
            if choice.takes(tally):
                yield tally


def _fingerprint(
    chosen: list[shelf.Source], choice: Choice, note: shelf.Note, then: tuple[str, int] | None
) -> tuple[str, int | None, int]:
    """What the sums depend on (every log's name and state in every source, and the choice);
    how many logs led to the fingerprint then, if they are this one source's first ones and
    more have come since; and how many logs there are now."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((shelf.INDEX_VERSION, VERSION, choice)).encode())
    before, count = None, 0
    for source in chosen:
        digest.update(f"\0{source.key}\0".encode("utf-8", "surrogateescape"))
        entries = source.entries(note)
        if then is not None and len(chosen) == 1 and then[1] < len(entries):
            _digest(digest, entries[: then[1]])  # the logs there were then: the same ones?
            before = then[1] if digest.hexdigest() == then[0] else None
            _digest(digest, entries[then[1] :])
        else:
            _digest(digest, entries)
        count += len(entries)
    return digest.hexdigest(), before, count


def _digest(digest: Any, entries: list[shelf.Entry]) -> None:
    """Each log's name and state added to the digest, all in one go."""
    lines = "".join(f"{entry.name}\0{entry.size}\0{entry.stamp}\n" for entry in entries)
    digest.update(lines.encode("utf-8", "surrogateescape"))  # any file name


@dataclass(frozen=True)
class _Kept:
    fingerprint: str  # of the logs and the choice the sums came from
    count: int  # how many logs that was
    summary: Summary
    notes: list[str]  # said as the logs were read
    labels: list[str]  # the group labels met


def _read(path: Path) -> _Kept | None:
    """The kept sums and what they came from; None if there are none to trust."""
    try:
        data: Any = json.loads(read_capped(path, _MAX_BYTES))
        fingerprint, count = data.get("fingerprint"), data.get("count")
        if data.get("balint-summary") != VERSION or type(fingerprint) is not str:
            return None
        notes, labels = data["notes"], data["labels"]
        if type(count) is not int or not all(type(x) is str for x in [*notes, *labels]):
            return None
        return _Kept(
            fingerprint=fingerprint,
            count=count,
            summary=from_json(data["summary"]),
            notes=notes,
            labels=labels,
        )
    except (OSError, ValueError, RecursionError, AttributeError, KeyError, TypeError):
        return None
