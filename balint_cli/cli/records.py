"""What the commands that read the logs share (log's reports, sheet): the index opened for a
report, over the user's logs or those given with --from; a --group checked against the
sessions, and the groups there are; the note of sessions left out while they run; the units a
report counts in.

Start-up: the index, the logs and groups.toml are loaded only as a command runs.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from balint_cli.cli.options import group_option, speak, to_screen
from balint_cli.cli.output import note
from balint_cli.fs.paths import home

if TYPE_CHECKING:
    from balint_cli.logbook.queries import Shelf
    from balint_cli.logbook.tallies import Choice

GroupOpt = Annotated[str | None, group_option("Only this group's sessions (any case).")]


def opened(sources: list[Path] | None) -> AbstractContextManager[Shelf]:
    """The index, up to date with the user's logs or the sources given; notes said."""
    from balint_cli.logbook.access import opened as index

    return index(home(), list(sources or []), note)


def check_apart(option: str, target: Path | None, sources: list[Path] | None) -> None:
    """A file to write (not the screen) must not replace a log or a bundle being read."""
    if target is None or to_screen(target):
        return
    from balint_cli.core.text import inert
    from balint_cli.errors import BadInput
    from balint_cli.logbook.sources import read_at

    where = read_at(target, home(), list(sources or []))
    if where is not None:
        raise BadInput(
            f"{option} {inert(str(target), one_line=True)} would be written among the logs "
            f"read ({where}); write it outside your logs folder and the folders and bundles "
            "given with --from."
        )


def check_group(shelf: Shelf, choice: Choice, found: int) -> None:
    """--group names a group that neither groups.toml nor any session has: say which there
    are (exit 2)."""
    if choice.group is None or found:
        return
    from balint_cli.core.rules import check_label, label_key
    from balint_cli.core.text import inert
    from balint_cli.errors import BadInput
    from balint_cli.logbook.queries import known_groups
    from balint_cli.settings.groups import load_groups

    known = [*known_groups(shelf), *load_groups(home())]
    if label_key(choice.group) in map(label_key, known):
        return  # known, but no session of it in these dates, or none yet
    check_label(choice.group)  # a name no group could have (blank, say) is said as such
    names = group_names(shelf)
    raise BadInput(
        f"No session has the group '{inert(choice.group, one_line=True)}'; "
        + (f"the groups are {', '.join(names)}." if names else "no session has a group label.")
    )


def group_names(shelf: Shelf) -> list[str]:
    """The groups of groups.toml and of the sessions, one name for labels that look the same
    (groups.toml's first), each inert, in order."""
    from balint_cli.core.rules import label_key
    from balint_cli.core.text import inert
    from balint_cli.logbook.queries import known_groups
    from balint_cli.settings.groups import load_groups

    names: dict[str, str] = {}
    for name in [*load_groups(home()), *sorted(known_groups(shelf))]:
        names.setdefault(label_key(name), name)
    return [inert(names[key], one_line=True) for key in sorted(names)]


def say_running(shelf: Shelf, choice: Choice) -> None:
    """A note of the sessions a report leaves out because they are still running."""
    from balint_cli.logbook.queries import still_running
    from balint_cli.render.summary import left_running

    running = still_running(shelf, choice)
    if running:
        note(left_running(running))


def units_asked(asked: str | None) -> tuple[int, ...]:
    """The units a report counts in (by their minutes): --units, else German's where balint
    speaks German (config.toml's language, else the system's); BadInput for another value."""
    from balint_cli.core.rules import check_units
    from balint_cli.i18n import language

    if asked is None:
        speak()
    return check_units(asked, language())
