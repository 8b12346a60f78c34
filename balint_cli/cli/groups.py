"""`balint groups`: groups and their defaults, in groups.toml, without editing TOML.

Start-up: each command imports what it needs as it runs (cli/main.py says why).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from balint_cli.cli.options import (
    JsonOpt,
    command,
    end_at_option,
    online_option,
    role_option,
    sub_app,
    whole_number,
)
from balint_cli.cli.output import console, print_json
from balint_cli.core.words import count, one_of
from balint_cli.fs.paths import home

if TYPE_CHECKING:
    from balint_cli.settings.groups import Group

app = sub_app("Your groups: a label with defaults (members, format, end time, setting, role).")

NameArg = Annotated[str, typer.Argument(metavar="NAME", help="The group's label.")]
MembersOpt = Annotated[
    int | None,
    typer.Option("--members", metavar="N", parser=whole_number, help="How many are enrolled."),
]
FormatOpt = Annotated[
    str | None, typer.Option("--format", metavar="FORMAT", help="The format it runs.")
]
EndOpt = Annotated[str | None, end_at_option("When its sessions end.")]
SettingOpt = Annotated[bool | None, online_option("Where it meets.")]
RoleOpt = Annotated[str | None, role_option("Your role in it.")]
NONE = "none"  # a default's value in `groups edit` that removes it, as --clear does
# What --clear takes: each default by the name of its option, and its field in groups.toml.
CLEARABLE = {"members": "members", "format": "format", "end-at": "end_at", "setting": "setting",
             "role": "role"}  # fmt: skip
CLEAR_CHOICES = one_of(list(CLEARABLE))


def _number_or_none(value: object) -> str:
    """--members of `groups edit`: a whole number, or none."""
    if isinstance(value, str) and _is_none(value):
        return NONE
    return str(whole_number(value))


def _is_none(value: str | None) -> bool:
    return value is not None and value.strip().lower() == NONE


EditMembersOpt = Annotated[
    str | None,
    typer.Option(
        "--members",
        metavar="N",
        parser=_number_or_none,
        help="How many are enrolled (none: no default).",
    ),
]
ClearOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--clear",
        metavar="DEFAULT",
        help=f"Remove a default: {CLEAR_CHOICES} (again for another).",
        show_default=False,
    ),
]


def _changes(
    members: int | None, fmt: str | None, end_at: str | None, online: bool | None, role: str | None
) -> dict[str, Any]:
    """The fields given on the command line, checked as groups.toml would check them."""
    from balint_cli.core.digits import parse_clock
    from balint_cli.core.rules import check_members, check_role, setting

    changes: dict[str, Any] = {}
    if members is not None:
        changes["members"] = check_members(members)
    if fmt is not None:
        from balint_cli.formats.catalogue import resolve

        resolve(fmt, home())  # a format that exists
        changes["format"] = fmt
    if end_at is not None:
        changes["end_at"] = parse_clock(end_at, "--end-at").strftime("%H:%M")
    if online is not None:
        changes["setting"] = setting(online)
    if role is not None:
        changes["role"] = check_role(role)
    return changes


def _describe(name: str, group: Group) -> str:
    from balint_cli.core.text import inert

    said = [count(group.members, "member")] if group.members else []
    said += [x for x in (group.format, group.end_at and f"ends {group.end_at}", group.setting,
                         group.role) if x]  # fmt: skip
    return inert(name, one_line=True) + (": " + ", ".join(said) if said else "")


@command(app, "list")
def groups_list(as_json: JsonOpt = False) -> None:
    """List your groups and their defaults."""
    from balint_cli.settings.groups import load_groups

    groups = load_groups(home())
    if as_json:
        print_json([{"name": name, **group.model_dump()} for name, group in groups.items()])
        return
    if not groups:
        typer.echo("No groups yet: `balint groups add NAME --members N` adds one.")
        return
    for name, group in groups.items():
        console().print(_describe(name, group), markup=False, highlight=False)


@command(app, "add")
def groups_add(
    name: NameArg,
    members: MembersOpt = None,
    fmt: FormatOpt = None,
    end_at: EndOpt = None,
    online: SettingOpt = None,
    role: RoleOpt = None,
) -> None:
    """Add a group, with its defaults for `balint run --group NAME`."""
    from balint_cli.core.rules import check_label
    from balint_cli.core.text import inert
    from balint_cli.errors import BadInput
    from balint_cli.settings.groups import Group, change, find

    check_label(name, "A group's name")
    group = Group.model_validate(_changes(members, fmt, end_at, online, role))

    def add(groups: dict[str, Group]) -> None:
        same = find(groups, name)  # the same label, or one that looks the same
        if same is not None:
            raise BadInput(
                f"There is a group '{inert(same[0], one_line=True)}' already; "
                "`balint groups edit` changes it."
            )
        groups[name] = group

    change(home(), add)
    typer.echo(f"Added {_describe(name, group)}.")


@command(app, "edit")
def groups_edit(
    name: NameArg,
    members: EditMembersOpt = None,
    fmt: FormatOpt = None,
    end_at: EndOpt = None,
    online: SettingOpt = None,
    role: RoleOpt = None,
    clear: ClearOpt = None,
) -> None:
    """Change a group's defaults, or remove one: --end-at none (the same for --format,
    --members and --role), or --clear DEFAULT."""
    from balint_cli.errors import BadInput
    from balint_cli.settings.groups import Group, change

    given = {"members": members, "format": fmt, "end-at": end_at, "role": role}
    removed = [option for option, value in given.items() if _is_none(value)]
    members, fmt, end_at, role = (None if _is_none(value) else value for value in given.values())
    changes = _changes(int(members) if members else None, fmt, end_at, online, role)
    cleared = _cleared([*(clear or []), *removed], changes)
    if not changes and not cleared:
        raise BadInput(
            "Say what to change: --members, --format, --end-at, --online or --in-person, --role, "
            "or --clear one of them."
        )

    def edit(groups: dict[str, Group]) -> tuple[str, Group]:
        label, group = _existing(groups, name)
        kept = {k: v for k, v in group.model_dump(exclude_none=True).items() if k not in cleared}
        groups[label] = Group.model_validate({**kept, **changes})
        return label, groups[label]

    label, group = change(home(), edit)
    typer.echo(f"Changed {_describe(label, group)}.")


def _cleared(names: list[str], changes: dict[str, Any]) -> set[str]:
    """The fields --clear names, none of them also given a value."""
    from balint_cli.core.text import inert
    from balint_cli.errors import BadInput

    fields = set()
    for said in names:
        key = said.strip().lower()
        if key not in CLEARABLE:
            raise BadInput(f"--clear takes {CLEAR_CHOICES}, not '{inert(said, one_line=True)}'.")
        if CLEARABLE[key] in changes:
            raise BadInput(f"--clear {key} cannot go with a new {key}; give one or the other.")
        fields.add(CLEARABLE[key])
    return fields


@command(app, "remove")
def groups_remove(name: NameArg) -> None:
    """Remove a group from groups.toml (its sessions keep their label)."""
    from balint_cli.core.text import inert
    from balint_cli.settings.groups import change

    def remove(groups: dict[str, Group]) -> str:
        label, _group = _existing(groups, name)
        del groups[label]
        return label

    label = change(home(), remove)
    typer.echo(f"Removed {inert(label, one_line=True)}; its sessions keep their label.")


def _existing(groups: dict[str, Group], name: str) -> tuple[str, Group]:
    from balint_cli.core.text import inert
    from balint_cli.errors import BadInput
    from balint_cli.settings.groups import find

    found = find(groups, name)
    if found is None:
        known = ", ".join(inert(n, one_line=True) for n in groups) or "none yet"
        raise BadInput(f"There is no group '{inert(name, one_line=True)}'; the groups are {known}.")
    return found
