"""A format: its phases and its words, and what a format file may hold (the model).

Finding, loading and writing format files is formats/; this is what they hold.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from balint_cli.core.rules import MAX_MINUTES
from balint_cli.core.text import control_chars, describe, inert
from balint_cli.core.words import number

FORMAT_VERSION = 1
_LANGUAGE = re.compile(r"^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})?$")


def _no_controls(value: str, *, one_line: bool) -> str:
    bad = control_chars(value, allow_newlines=not one_line)
    if bad:
        chars = ", ".join(describe(ch) for ch in dict.fromkeys(bad))
        raise PydanticCustomError(
            "control_character",
            "must not contain control characters (found {chars})",
            {"chars": chars},
        )
    return value


def line_text(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty", "must not be empty")
    return _no_controls(value, one_line=True)


def _paragraph(value: str) -> str:
    return _no_controls(value, one_line=False)


def language_code(value: str) -> str:
    if not _LANGUAGE.match(value):
        raise PydanticCustomError(
            "language",
            'must be a language code such as "en" or "de", not "{value}"',
            {"value": inert(value[:20], one_line=True)},  # never a control character
        )
    return value


Line = Annotated[str, Field(max_length=200), AfterValidator(line_text)]
Paragraph = Annotated[str, Field(max_length=5000), AfterValidator(_paragraph)]
GroupWords = Annotated[str, Field(max_length=300), AfterValidator(_paragraph)]
# A format named by a setting or a group: its name, or the path of its file.
FormatRef = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(line_text)]
Minutes = Annotated[float, Field(gt=0, le=MAX_MINUTES, allow_inf_nan=False)]

# A format of two or more cases may give a phase other words for a session that takes one
# case only (`--cases 1`): each of these fields, with "_one_case" after its name.
ONE_CASE_WORDS = ("prompt", "purpose", "for_group")
_ONE_CASE = " instead, when a session takes one case only (--cases 1). Optional."


class Phase(BaseModel):
    """One phase of a session, as written in a format file."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: Annotated[
        str,
        Field(
            min_length=1,
            max_length=40,
            pattern=r"^[a-z0-9-]+$",
            description="Each phase's own: lowercase letters a-z, digits and -.",
        ),
    ]
    title: Annotated[Line, Field(description="The phase's name on the screen: one line.")]
    minutes: Annotated[
        Minutes,
        Field(
            description=f"How long it lasts: more than 0, at most {MAX_MINUTES}; fractions "
            "allowed (0.5 is 30 seconds)."
        ),
    ]
    case: Annotated[
        Annotated[int, Field(ge=1, le=99)] | None,
        Field(
            description="Which case the phase belongs to: 1, 2, ... The opening and the "
            "closing have none. Optional."
        ),
    ] = None
    prompt: Annotated[
        Paragraph, Field(description="What the leader says as the phase begins. Optional.")
    ] = ""
    prompt_one_case: Annotated[Paragraph, Field(description="The prompt" + _ONE_CASE)] = ""
    purpose: Annotated[
        Paragraph,
        Field(
            description="What the leader protects in this phase: shown with i, in a demo and "
            "on handouts. Optional."
        ),
    ] = ""
    purpose_one_case: Annotated[Paragraph, Field(description="The purpose" + _ONE_CASE)] = ""
    warn_minutes: Annotated[
        float,
        Field(
            ge=0,
            le=MAX_MINUTES,
            allow_inf_nan=False,
            description="Turn amber this many minutes before the end: 0 or more. Default 1.",
        ),
    ] = 1
    flexible: Annotated[
        bool,
        Field(description="true: shortened or lengthened to keep the end time. Default false."),
    ] = False
    at_zero: Annotated[
        Literal["wait", "next"],
        Field(
            description='At zero, "wait" counts up in red until the leader moves on; "next" '
            'moves on by itself, quietly. Default "wait".'
        ),
    ] = "wait"
    interventions: Annotated[
        list[Line],
        Field(
            max_length=12,
            description="Short things the leader may say when the phase drifts, shown with i "
            "and never logged: up to 12 lines. Optional.",
        ),
    ] = []
    for_group: Annotated[
        GroupWords,
        Field(
            description="What the members and the presenter do now, for the group's view and "
            "the members' handout. Optional."
        ),
    ] = ""
    for_group_one_case: Annotated[GroupWords, Field(description="for_group" + _ONE_CASE)] = ""

    @property
    def seconds(self) -> float:
        return self.minutes * 60

    @property
    def warn_seconds(self) -> float:
        return self.warn_minutes * 60

    def for_one_case(self) -> Phase:
        """This phase with its words for a session that takes one case only, where it has any."""
        words = {name: getattr(self, f"{name}_one_case") for name in ONE_CASE_WORDS}
        return self.model_copy(update={name: said for name, said in words.items() if said})


class Format(BaseModel):
    """A session format: a name, a description and an ordered list of phases."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    version: Annotated[
        int, Field(description=f"The version of the format file: {FORMAT_VERSION}.")
    ] = FORMAT_VERSION
    language: Annotated[
        Annotated[str, AfterValidator(language_code)] | None,
        Field(
            description="The language of the format's words, such as en or de: balint's own "
            "words around them follow it. Optional."
        ),
    ] = None
    name: Annotated[
        Line, Field(description="The format's name, at the top of the screen and handouts.")
    ]
    description: Annotated[
        Paragraph, Field(description="A sentence or two about it, for handouts. Optional.")
    ] = ""
    minutes: Annotated[
        Minutes | None,
        Field(
            description="The session's total: the phases must add up to it, and a session "
            "keeps to it. Optional."
        ),
    ] = None
    ground_rules: Annotated[
        list[Paragraph],
        Field(
            max_length=50,
            description="Said at the opening (g shows them again) and printed on handouts. "
            "Optional.",
        ),
    ] = []
    online_rules: Annotated[
        list[Paragraph],
        Field(
            max_length=50,
            description="The frame of a session held online, beside the ground rules: a "
            "private room, no recording, cameras, what happens if a connection drops. Optional.",
        ),
    ] = []
    debrief: Annotated[
        list[Paragraph],
        Field(
            max_length=12,
            description="Questions for the co-leaders' debrief after a co-led session: shown "
            "to the two leaders alone, never to the group, never logged. Optional.",
        ),
    ] = []
    phases: Annotated[
        list[Phase],
        Field(
            min_length=1,
            max_length=100,
            description="The phases in order, each beginning with [[phases]].",
        ),
    ]

    @model_validator(mode="after")
    def _check_phases(self) -> Format:
        if self.version != FORMAT_VERSION:
            raise version_error(self.version)
        first: dict[str, int] = {}
        for index, phase in enumerate(self.phases):
            if phase.id in first:
                raise PydanticCustomError(
                    "duplicate_id",
                    'phase {number} "{title}": id "{id}" is already used by phase {first}; '
                    "each phase needs an id of its own",
                    {
                        "number": index + 1,
                        "title": phase.title,
                        "id": phase.id,
                        "first": first[phase.id] + 1,
                    },
                )
            first[phase.id] = index
        total = self.total_minutes
        if total > MAX_MINUTES:
            raise PydanticCustomError(
                "session_too_long",
                "the phases add up to {total} minutes, but a session lasts at most "
                "{max} minutes (8 hours)",
                {"total": number(total), "max": MAX_MINUTES},
            )
        if self.minutes is not None and not math.isclose(total, self.minutes, abs_tol=1e-6):
            raise PydanticCustomError(
                "total",
                "minutes is {declared} but the phases add up to {total}; "
                "make them agree, or leave minutes out",
                {"declared": number(self.minutes), "total": number(total)},
            )
        return self

    @property
    def total_minutes(self) -> float:
        return math.fsum(phase.minutes for phase in self.phases)

    @property
    def cases(self) -> int:
        return len({phase.case for phase in self.phases if phase.case is not None})

    def rules(self, online: bool) -> list[str]:
        """The ground rules of a session, with the online frame after them when it is online."""
        return [*self.ground_rules, *(self.online_rules if online else [])]

    def holds_end(self) -> bool:
        """Whether the format declares its total, so a session keeps to it."""
        return self.minutes is not None


def version_error(version: object) -> PydanticCustomError:
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return PydanticCustomError(
            "version",
            "version {version} needs a newer balint (this one reads version {ours})",
            {"version": version, "ours": FORMAT_VERSION},
        )
    return PydanticCustomError("version", "version must be {ours}", {"ours": FORMAT_VERSION})


FORMAT_FIELDS = tuple(Format.model_fields)
PHASE_FIELDS = tuple(Phase.model_fields)
