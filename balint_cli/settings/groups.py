"""Groups: a label with defaults, kept in groups.toml in the user's folder.

One table per group, named by its label:

    ["Tuesday GPs"]
    members = 10          # how many are enrolled (attendance is reported as a share of it)
    format = "45min"
    end_at = "13:15"
    setting = "in-person" # or "online"
    role = "lead"         # or "co-lead"

A label is a label, never a list of people: counts only, as everywhere in balint. Labels
that look the same are one group (rules.label_key). A change is made under a lock beside the
file, so two balints changing the groups at once both keep their change.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import tomli_w
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from balint_cli.core.digits import clock_time
from balint_cli.core.format import FormatRef
from balint_cli.core.rules import MAX_PEOPLE, Role, Setting, check_label, label_key
from balint_cli.core.text import inert
from balint_cli.errors import BadInput, BalintError
from balint_cli.fs.files import show_path, write_atomic
from balint_cli.fs.locks import CHANGE_WAIT, changing
from balint_cli.fs.paths import GROUPS, GROUPS_LOCK
from balint_cli.fs.toml import problems, read_toml

WAIT = CHANGE_WAIT  # seconds to wait while another balint changes the groups, then say so


def _clock(value: str) -> str:
    if clock_time(value) is None:
        raise PydanticCustomError("clock", "must be a clock time such as 13:15")
    return value


class Group(BaseModel):
    """A group's defaults; every one is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    members: Annotated[int, Field(ge=1, le=MAX_PEOPLE)] | None = None
    format: FormatRef | None = None
    end_at: Annotated[str, AfterValidator(_clock)] | None = None
    setting: Setting | None = None
    role: Role | None = None


def load_groups(home: Path) -> dict[str, Group]:
    """The groups in groups.toml (none if there is no file), in the file's order."""
    path = home / GROUPS
    if not path.exists() and not path.is_symlink():
        return {}
    data = read_toml(path, "groups file")
    where = show_path(path)
    groups: dict[str, Group] = {}
    for label, table in data.items():
        try:
            check_label(label, "a group's name")
        except BadInput as err:
            raise BadInput(f"{where}: {err.message[0].lower()}{err.message[1:]}") from None
        if not isinstance(table, dict):
            raise BadInput(
                f'{where}: group "{label}" must be a table, like ["{label}"] with members = 10.'
            )
        try:
            groups[label] = Group.model_validate(table)
        except ValidationError as err:
            raise BadInput(f'{where}: group "{label}": {_problem(err)}.') from None
    return groups


def _problem(err: ValidationError) -> str:
    """The first problem with a group's table, in plain words."""
    return problems(err, {}, tuple(Group.model_fields))[0]


def find(groups: dict[str, Group], label: str) -> tuple[str, Group] | None:
    """The group a label names, or one that looks the same (whatever its case or accents)."""
    key = label_key(label)
    for name, group in groups.items():
        if label_key(name) == key:
            return name, group
    return None


T = TypeVar("T")


def change(home: Path, edit: Callable[[dict[str, Group]], T]) -> T:
    """Change groups.toml: read under its lock, changed in place by edit, written whole.

    Another balint changing the groups meanwhile waits its turn, so no change is lost; what
    edit returns is returned once the change is kept. Nothing is written if edit raises.
    """
    with changing(home / GROUPS_LOCK, "the groups (groups.toml)", WAIT):
        groups = load_groups(home)  # read under the lock: another may have just changed it
        result = edit(groups)
        save(home, groups)
    return result


def save(home: Path, groups: dict[str, Group]) -> None:
    """Write groups.toml whole (the user's file: private, and never half written)."""
    data: dict[str, Any] = {
        name: group.model_dump(exclude_none=True) for name, group in groups.items()
    }
    write_atomic(home / GROUPS, tomli_w.dumps(data), force=True, private=True, make_folder=True)


@contextlib.contextmanager
def format_of_group(home: Path, label: str | None) -> Iterator[None]:
    """A format loaded by the name a group gives in groups.toml (label; None: not a group's):
    where it cannot be loaded, the sentence says which group, and which file, gave the name."""
    try:
        yield
    except BalintError as err:
        if label is None:
            raise
        said = err.message[:1].lower() + err.message[1:]
        raise type(err)(
            f"The format of the group '{inert(label, one_line=True)}' in "
            f"{show_path(home / GROUPS)}: {said}"
        ) from None
