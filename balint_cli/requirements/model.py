"""A requirements file: what a body asks of a Balint group leader before accrediting them, as
rules balint can check against its logs, and the rules it cannot see (the model; no I/O).

Each rule names a measure balint counts (measures.py), the least the body asks for, a window
it is counted in (windows.py), and whether it is only desirable; or it names what balint
cannot see (`not-recorded`), said as it is, so that nothing the body asks is left out.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from balint_cli.core.format import Line, Paragraph
from balint_cli.core.text import control_chars, inert
from balint_cli.fs.toml import suggest
from balint_cli.requirements.measures import MEASURES, Measure
from balint_cli.requirements.windows import NAMES, parse_window

NOT_RECORDED = "not-recorded"  # a rule balint cannot see: kept on the list, never dropped
MOST_THRESHOLD = 1_000_000  # no body asks for more of anything


def _measure(value: str) -> str:
    if value == NOT_RECORDED or value in MEASURES:
        return value
    shown = inert(value[:40], one_line=True)
    raise PydanticCustomError(
        "measure",
        'must be one balint counts, not "{value}"{close}: {names}, or {none} for a rule '
        "balint cannot see",
        {
            "value": shown,
            "close": suggest(value, [*MEASURES, NOT_RECORDED]),
            "names": ", ".join(MEASURES),
            "none": NOT_RECORDED,
        },
    )


def _window(value: str) -> str:
    if parse_window(value) is None:
        raise PydanticCustomError(
            "window",
            'must be {names}, not "{value}"',
            {"names": NAMES, "value": inert(value[:40], one_line=True)},
        )
    return value


def _address(value: str) -> str:
    if not value.startswith(("https://", "http://")) or control_chars(value) or " " in value:
        raise PydanticCustomError(
            "address", "must be a web address, beginning https:// (or http://), on one line"
        )
    return value


Address = Annotated[str, Field(max_length=500), AfterValidator(_address)]


def _unsigned(value: float) -> float:
    """-0 (which TOML allows) as 0: the page would ask for 'at least -0 hours'."""
    return value + 0.0


def _precision(measure: Measure) -> str:
    """How finely a threshold of this measure is given: as finely as its figure is shown."""
    if measure.share:
        return "a whole per cent"
    if measure.decimals:
        return f"given to at most {measure.decimals} decimal{'' if measure.decimals == 1 else 's'}"
    return "a whole number"


class Rule(BaseModel):
    """One thing a body asks for, as a requirements file writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    measure: Annotated[str, Field(max_length=100), AfterValidator(_measure)]
    threshold: (
        Annotated[
            float,
            Field(ge=0, le=MOST_THRESHOLD, allow_inf_nan=False),
            AfterValidator(_unsigned),
        ]
        | None
    ) = None
    window: Annotated[str, Field(max_length=40), AfterValidator(_window)] | None = None
    desirable: bool = False
    description: Annotated[Paragraph, Field(max_length=600)] = ""
    source: Address | None = None
    note: Annotated[Paragraph, Field(max_length=1000)] = ""

    @model_validator(mode="after")
    def _fits(self) -> Rule:
        if self.measure == NOT_RECORDED:
            if self.threshold is not None or self.window is not None:
                raise PydanticCustomError(
                    "not_recorded",
                    "a rule balint cannot see (not-recorded) takes no threshold or window",
                )
            if not self.description.strip():
                raise PydanticCustomError(
                    "not_recorded",
                    "a rule balint cannot see (not-recorded) needs a description: what the "
                    "body asks for",
                )
            return self
        measure = MEASURES[self.measure]
        if self.threshold is None:
            return self
        if measure.share and self.threshold > 100:
            raise PydanticCustomError(
                "share", "threshold must be a per cent from 0 to 100 for {measure}",
                {"measure": self.measure},
            )  # fmt: skip
        # A figure is compared with the threshold as it is shown: a threshold finer than that
        # (50.5% against a share of 50%) would read as met and not be.
        if round(self.threshold, measure.decimals) != self.threshold:
            raise PydanticCustomError(
                "precision", "threshold must be {said} for {measure}",
                {"said": _precision(measure), "measure": self.measure},
            )  # fmt: skip
        return self

    @property
    def recorded(self) -> bool:
        """Whether balint can count it."""
        return self.measure != NOT_RECORDED


class Requirements(BaseModel):
    """A body's requirements for a level of accreditation, and where they were read."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    body: Annotated[Line, Field(max_length=120)]
    level: Annotated[Line, Field(max_length=120)]
    sources: Annotated[list[Address], Field(min_length=1, max_length=12)]
    read: date
    note: Annotated[Paragraph, Field(max_length=2000)] = ""
    rules: Annotated[list[Rule], Field(min_length=1, max_length=60)]


FIELDS = tuple(Requirements.model_fields)
RULE_FIELDS = tuple(Rule.model_fields)
