"""Groups: a label with defaults, kept in groups.toml in the user's folder.

One table per group, named by its label:

    ["Tuesday GPs"]
    members = 10          # how many are enrolled (attendance is reported as a share of it)
    format = "45min"
    end_at = "13:15"
    setting = "in-person" # or "online"
    role = "lead"         # or "co-lead"

A label is a label, never a list of people: counts only, as everywhere in balint.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from balint_cli.digits import clock_time
from balint_cli.errors import BadInput
from balint_cli.files import show_path, write_atomic
from balint_cli.formats import line_text
from balint_cli.text import control_chars
from balint_cli.tomlfile import problems, read_toml

FILE = "groups.toml"
MAX_LABEL = 40
MAX_MEMBERS = 99
SETTINGS = ("in-person", "online")
ROLES = ("lead", "co-lead")


def _clock(value: str) -> str:
    if clock_time(value) is None:
        raise PydanticCustomError("clock", "must be a clock time such as 13:15")
    return value


FormatName = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(line_text)]


class Group(BaseModel):
    """A group's defaults; every one is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    members: Annotated[int, Field(ge=1, le=MAX_MEMBERS)] | None = None
    format: FormatName | None = None
    end_at: Annotated[str, AfterValidator(_clock)] | None = None
    setting: Literal["in-person", "online"] | None = None
    role: Literal["lead", "co-lead"] | None = None


def groups_path(home: Path) -> Path:
    return home / FILE


def check_label(label: str, what: str = "--group") -> str:
    """A group's label: a short label, never a list of names; BadInput if it is not one."""
    found = control_chars(label, allow_newlines=False)
    if found and 0xD800 <= ord(found[0]) <= 0xDFFF:  # bytes that are not UTF-8, escaped
        raise BadInput(f"{what} must be text in UTF-8; this label holds bytes that are not.")
    if found:
        raise BadInput(f"{what} must not contain control characters (found U+{ord(found[0]):04X}).")
    if not label.strip() or len(label) > MAX_LABEL:
        raise BadInput(
            f"{what} must be a short label of 1 to {MAX_LABEL} characters, like 'Tuesday GPs'."
        )
    return label


def load_groups(home: Path) -> dict[str, Group]:
    """The groups in groups.toml (none if there is no file), in the file's order."""
    path = groups_path(home)
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
    """The group a label names, whatever its case."""
    for name, group in groups.items():
        if name.casefold() == label.casefold():
            return name, group
    return None


def save(home: Path, groups: dict[str, Group]) -> None:
    """Write groups.toml whole (the user's file: private, and never half written)."""
    import tomli_w

    data: dict[str, Any] = {
        name: group.model_dump(exclude_none=True) for name, group in groups.items()
    }
    write_atomic(groups_path(home), tomli_w.dumps(data), force=True, private=True, make_folder=True)
