"""The last summary, kept beside the index: a report asked for again over the same logs.

An organiser runs the same report again and again. Its sums are kept in the user's index
folder with a fingerprint of every log they came from (each source, and each log's name,
size and modification time, or a bundle member's CRC) and of the choice (dates, group,
practice). Asked again, the logs are listed (never read); if every one is as it was and the
choice is the same, the kept sums are the answer, with the notes and the group labels of
that time. Anything else (a log added, changed, corrected or gone, another choice, a kept
file that is damaged or from another balint) sums the tallies afresh, through the index, and
keeps the new sums. Like the index, it is never trusted over the logs, holds counts and
labels only, is the owner's alone (0600), and can be deleted without losing anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from balint_cli.errors import BalintError
from balint_cli.files import read_capped, write_atomic
from balint_cli.logbook import shelf
from balint_cli.logbook.summary import Summary, from_json, summarise, to_json
from balint_cli.logbook.tallies import Choice, Tally

VERSION = 1
FILE = "summary.json"
_MAX_BYTES = 16 * 1024 * 1024


def summed(
    home: Path,
    chosen: list[shelf.Source],
    choice: Choice,
    note: shelf.Note,
    known: set[str],
) -> Summary:
    """The sums over the sessions chosen from the sources; the group labels met go in known."""
    fingerprint = _fingerprint(chosen, choice, note)
    path = home / "index" / FILE
    found = _read(path, fingerprint)
    if found is not None:
        summary, said_then, labels_then = found
        for said in said_then:
            note(said)
        known.update(labels_then)
        return summary
    notes: list[str] = []

    def keep_note(said: str) -> None:
        notes.append(said)
        note(said)

    labels: set[str] = set()
    summary = summarise(_chosen(home, chosen, choice, keep_note, labels), choice)
    known.update(labels)
    kept = {
        "balint-summary": VERSION,
        "fingerprint": fingerprint,
        "notes": notes,
        "labels": sorted(labels),
        "summary": to_json(summary),
    }
    with contextlib.suppress(BalintError):  # a folder that cannot be written: no harm done
        write_atomic(path, json.dumps(kept), force=True, private=True, make_folder=True)
    return summary


def _chosen(
    home: Path, chosen: list[shelf.Source], choice: Choice, note: shelf.Note, labels: set[str]
) -> Iterator[Tally]:
    for tally in shelf.tallies(home, chosen, note):
        if tally.group:
            labels.add(tally.group)
        if choice.takes(tally):
            yield tally


def _fingerprint(chosen: list[shelf.Source], choice: Choice, note: shelf.Note) -> str:
    """What the sums depend on: every log's name and state in every source, and the choice."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((shelf.INDEX_VERSION, VERSION, choice)).encode())
    for source in chosen:
        digest.update(f"\0{source.key}\0".encode("utf-8", "surrogateescape"))
        for entry in source.entries(note):
            line = f"{entry.name}\0{entry.size}\0{entry.stamp}\n"
            digest.update(line.encode("utf-8", "surrogateescape"))  # any file name
    return digest.hexdigest()


def _read(path: Path, fingerprint: str) -> tuple[Summary, list[str], list[str]] | None:
    """The kept sums if they were made from exactly these logs and this choice, else None."""
    try:
        data: Any = json.loads(read_capped(path, _MAX_BYTES))
        if data.get("balint-summary") != VERSION or data.get("fingerprint") != fingerprint:
            return None
        notes, labels = data["notes"], data["labels"]
        if not all(type(x) is str for x in [*notes, *labels]):
            return None
        return from_json(data["summary"]), notes, labels
    except (OSError, ValueError, RecursionError, AttributeError, KeyError, TypeError):
        return None
