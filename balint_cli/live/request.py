"""What the user asked `balint run` for, and what --resume cannot be given with it.

Kept apart from the runner so that the command can check a request before the session's
code (formats, screen) is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from balint_cli.errors import BadInput


@dataclass(frozen=True)
class Request:
    """What the user asked for on the command line."""

    format_ref: str | None = None
    speed: float = 1.0
    end_at: str | None = None
    auto: bool | None = None  # --auto or --wait; None: as config.toml says
    bell: bool | None = None
    log: bool | None = None
    group: str | None = None
    attendees: int | None = None
    resume: bool = False
    resume_id: str | None = None  # with --resume, the session's id (or a start of it) given
    yes: bool = False  # --yes: carry on a session that stopped long ago without asking
    demo: bool = False
    cases: int | None = None  # the first N cases of the format; None: all
    some_leave_at: str | None = None
    discreet: bool | None = None  # None: as config.toml says
    setting: str | None = None  # "in-person" or "online"; None: the group's, else in person
    role: str | None = None  # "lead" or "co-lead"; None: the group's, else lead
    supervised: bool = False
    members: int | None = None  # how many are enrolled: from the group, never typed
    end_at_from_group: bool = False  # end_at is the group's (groups.toml), not --end-at
    format_from_group: bool = False  # format_ref is the group's (groups.toml), not given
    debrief: bool | None = None  # --debrief (always) or --no-debrief (never); None: config.toml


def no_clash(request: Request) -> None:
    """--resume takes the session as it was: none of the options that shape a new one (an
    empty value given is given too)."""
    clash = [
        flag
        for flag, given in (
            ("--end-at", request.end_at is not None),
            ("--group", request.group is not None),
            ("--attendees", request.attendees is not None),
            ("--speed", request.speed != 1.0),
            ("--auto or --wait", request.auto is not None),
            ("--no-log", request.log is False),
            ("--cases", request.cases is not None),
            ("--some-leave-at", request.some_leave_at is not None),
            ("--online or --in-person", request.setting is not None),
            ("--role", request.role is not None),
            ("--supervised", request.supervised),
        )
        if given
    ]
    if clash:
        raise BadInput(
            f"--resume continues a session as it was; it cannot be combined with {clash[0]}."
        )
