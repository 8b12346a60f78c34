"""Pure: a format's phases, a start and an optional end time -> the schedule of a session."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from balint_cli.core.format import Format, Phase
from balint_cli.core.rules import MAX_MINUTES
from balint_cli.core.words import case_title, clock, count, length_text
from balint_cli.errors import BadInput
from balint_cli.i18n import _

# A phase that is shortened to keep the end time never drops below a minute (or below its
# own planned length, if that is shorter): less than that is not a phase any more.
FLOOR_SECONDS = 60.0


@dataclass(frozen=True)
class Slot:
    """A phase placed on the clock."""

    index: int
    phase: Phase
    seconds: float  # as planned for this session, after any fitting to an end time
    start: datetime

    @property
    def end(self) -> datetime:
        return self.start + timedelta(seconds=self.seconds)

    @property
    def changed(self) -> bool:
        return not math.isclose(self.seconds, self.phase.seconds, abs_tol=0.5)


def floors(lengths: Sequence[float]) -> list[float]:
    """The least each phase may be shortened to."""
    return [min(FLOOR_SECONDS, length) for length in lengths]


def share(
    lengths: Sequence[float],
    which: Sequence[int],
    room: float,
    least: Sequence[float] | None = None,
) -> list[float] | None:
    """Scale the phases at `which` so they fill `room`, none below its floor; None if too little.

    The others keep their length. Shrinking is proportional; a phase that would fall below its
    floor (`least`, else `floors(lengths)`) stays at the floor and the rest share what is left.
    """
    out = list(lengths)
    least = floors(lengths) if least is None else least
    if not which:
        return out if math.isclose(room, 0, abs_tol=0.5) else None
    if room < math.fsum(least[i] for i in which) - 1e-6:
        return None
    free = [i for i in which if lengths[i] > 0]
    left = room
    while free:
        base = math.fsum(lengths[i] for i in free)
        scale = left / base
        clamped = [i for i in free if lengths[i] * scale < least[i]]
        if not clamped:
            for i in free:
                out[i] = lengths[i] * scale
            break
        for i in clamped:
            out[i] = least[i]
            left -= least[i]
            free.remove(i)
    return out


def fit(lengths: Sequence[float], flexible: Sequence[bool], total: float) -> list[float] | None:
    """Stretch or shrink only the flexible phases to make total; None if they cannot."""
    fixed = math.fsum(length for length, flex in zip(lengths, flexible, strict=True) if not flex)
    which = [i for i, flex in enumerate(flexible) if flex]
    return share(lengths, which, total - fixed)


def hold(lengths: Sequence[float], flexible: Sequence[bool], room: float) -> list[float]:
    """Fit the flexible phases into room as well as they can: at their floor if it is too small.

    Used while a session runs, when the end must hold; the caller sees any lateness from the sum.
    """
    fitted = fit(lengths, flexible, room)
    if fitted is not None:
        return fitted
    least = floors(lengths)
    pairs = zip(lengths, flexible, least, strict=True)
    squeezed = [low if flex else length for length, flex, low in pairs]
    return squeezed if math.fsum(squeezed) >= room else list(lengths)


# A flexible phase takes a change by itself up to a quarter of its length: beyond that the
# frame would lose its shape, and every phase gives or takes its share instead.
WITHIN_REASON = 0.25


def rescale(lengths: Sequence[float], flexible: Sequence[bool], total: float) -> list[float] | None:
    """All phases brought to total, or None if they cannot be (each keeps at least its floor).

    The flexible phases take the change first, within reason; what is left is shared by all
    phases in proportion, so a format halved keeps its shape rather than losing its discussion.
    """
    least = floors(lengths)
    if total < math.fsum(least) - 1e-6:
        return None
    out = list(lengths)
    flex = [i for i, f in enumerate(flexible) if f]
    if flex:
        span = math.fsum(lengths[i] for i in flex)
        change = total - math.fsum(lengths)
        part = max(-span * WITHIN_REASON, min(span * WITHIN_REASON, change))
        out = share(out, flex, span + part, least) or out
    if math.isclose(math.fsum(out), total, abs_tol=1e-6):
        return out
    return share(out, range(len(out)), total, least)


def rescaled(fmt: Format, total: float, name: str) -> Format:
    """A copy of fmt lasting total minutes, on a half-minute grid, named name.

    BadInput if total is not a length balint can use, or too short for the phases.
    """
    if not math.isfinite(total) or total <= 0 or total > MAX_MINUTES:
        raise BadInput(f"--minutes must be more than 0 and at most {MAX_MINUTES} (8 hours).")
    if not (total * 2).is_integer():
        raise BadInput("--minutes must be whole or half minutes, like 60 or 52.5.")
    lengths = [p.seconds for p in fmt.phases]
    # On the half-minute grid no phase is shorter than half a minute.
    least = max(math.fsum(floors(lengths)), GRID_SECONDS * len(lengths)) / 60
    scaled = rescale(lengths, [p.flexible for p in fmt.phases], total * 60)
    if total < least or scaled is None:
        many = len(fmt.phases) != 1
        raise BadInput(
            f"--minutes {total:g} is too short for this format: its "
            f"{count(len(fmt.phases), 'phase')} {'need' if many else 'needs'} "
            f"at least {count(least, 'minute')}"
            + (" (a minute each)." if least == len(fmt.phases) else ".")
        )
    grid = on_grid(scaled, total * 60)
    phases = [
        {**phase.model_dump(), "minutes": length / 60, "warn_minutes": _warn(phase, length)}
        for phase, length in zip(fmt.phases, grid, strict=True)
    ]
    return Format.model_validate(
        {
            **fmt.model_dump(),
            "name": name,
            "description": f"{fmt.name[:150]}, in {total:g} minutes.",
            "minutes": total,
            "phases": phases,
        }
    )


def _warn(phase: Phase, seconds: float) -> float:
    """A warning that still fits inside a phase that was shortened."""
    return min(phase.warn_minutes, seconds / 60 / 2) if phase.warn_minutes else 0.0


GRID_SECONDS = 30.0


def on_grid(seconds: Sequence[float], total: float, step: float = 30.0) -> list[float]:
    """Round lengths to whole steps (half minutes) keeping their sum, no phase below one step."""
    units = round(total / step)
    raw = [s / step for s in seconds]
    whole = [max(1, math.floor(r)) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - whole[i], reverse=True)
    while sum(whole) < units:
        for i in by_remainder[: units - sum(whole)]:
            whole[i] += 1
    while sum(whole) > units and max(whole) > 1:
        whole[whole.index(max(whole))] -= 1
    return [w * step for w in whole]


def take_cases(phases: Sequence[Phase], cases: int | None) -> list[Phase]:
    """The phases of a session that takes the first `cases` cases (all with None).

    The phases outside any case (the opening, the closing) always stay; with 0 cases the
    session is the opening, then the closing. One case of a format of several takes the
    words the format gives for one case, where it gives any.
    """
    if cases is None:
        return list(phases)
    numbers = list(dict.fromkeys(p.case for p in phases if p.case is not None))
    if not 0 <= cases <= len(numbers):
        if not numbers:
            raise BadInput("--cases: this format has no cases to choose from.")
        if len(numbers) == 1:
            raise BadInput("--cases must be 0 or 1: this format has 1 case.")
        raise BadInput(
            f"--cases must be a number from 0 to {len(numbers)}: "
            f"this format has {len(numbers)} cases."
        )
    kept = set(numbers[:cases])
    taken = [p for p in phases if p.case is None or p.case in kept]
    if not taken:  # nothing outside the cases (no opening, no closing) to run instead
        at_least = "1" if len(numbers) == 1 else f"from 1 to {len(numbers)}"
        raise BadInput(
            f"--cases {cases} leaves no phase to run: every phase of this format belongs to "
            f"a case, so take {at_least}."
        )
    return [p.for_one_case() for p in taken] if cases == 1 < len(numbers) else taken


def schedule(phases: Sequence[Phase], start: datetime, end: datetime | None = None) -> list[Slot]:
    """Each phase with its clock times; with end, the flexible phases are fitted to it."""
    lengths = [phase.seconds for phase in phases]
    if end is not None:
        fitted = fit(lengths, [phase.flexible for phase in phases], (end - start).total_seconds())
        if fitted is None:
            raise BadInput(_unreachable(phases, start, end))
        lengths = fitted
    slots = []
    at = start
    for index, (phase, length) in enumerate(zip(phases, lengths, strict=True)):
        slots.append(Slot(index, phase, length, at))
        at += timedelta(seconds=length)
    return slots


def distorted(slots: Sequence[Slot]) -> list[Slot]:
    """The flexible phases an end time stretches past twice their plan, or below half of it.

    A typo three hours out must not silently give a 45-minute format a 154-minute discussion.
    """
    return [
        slot
        for slot in slots
        if slot.phase.flexible and not 0.5 <= slot.seconds / slot.phase.seconds <= 2
    ]


def _unreachable(phases: Sequence[Phase], start: datetime, end: datetime) -> str:
    wanted = end.strftime("%H:%M")
    if not any(phase.flexible for phase in phases):
        return (
            f"The session cannot be made to end at {wanted}: none of its phases is flexible, "
            f"so it ends at {clock(start + timedelta(seconds=sum(p.seconds for p in phases)))}."
        )
    least = [FLOOR_SECONDS if p.flexible else p.seconds for p in phases]
    shortest = math.fsum(min(a, p.seconds) for a, p in zip(least, phases, strict=True))
    earliest = start + timedelta(seconds=shortest)
    return (
        f"The session cannot end at {wanted}: even with the flexible phases cut to a minute "
        f"it ends at {clock(earliest)} at the earliest."
    )


def distortion_text(slots: Sequence[Slot], option: str) -> str:
    """One line naming each phase an end time distorts, with both lengths; '' if none."""
    changed = distorted(slots)
    if not changed:
        return ""
    parts = []
    for slot in changed:
        words = {
            "title": case_title(slot.phase.title, slot.phase.case),
            "planned": length_text(slot.phase.seconds),
            "length": length_text(slot.seconds),
        }
        if slot.seconds > slot.phase.seconds:
            parts.append(_("stretches {title} from {planned} to {length}").format(**words))
        else:
            parts.append(_("squeezes {title} from {planned} to {length}").format(**words))
    return _("{option} {changes}; is that the end you meant?").format(
        option=option, changes="; ".join(parts)
    )


# Why a default end time (a group's) does not suit a session: it holds in the group's usual
# slot, and outside it gives way rather than stop or bend the session.
PASSED, FAR, RIGID, TOO_SOON, TOO_LONG = "passed", "far", "rigid", "too soon", "too long"


def unsuited(phases: Sequence[Phase], start: datetime, when: time) -> str:
    """Why a session from start should not keep a default end at `when` ('' if it should).

    One of the words above: the time has passed (within the last 12 hours), is further than a
    session may last, cannot be reached with these phases (none flexible, or too soon even
    with the flexible ones at their floor), or would stretch a flexible phase past twice its
    plan (`distorted`), which is not the session the group usually has.
    """
    end = next_at(when, start)
    if end - start > timedelta(hours=12):
        return PASSED
    if end - start > timedelta(minutes=MAX_MINUTES):
        return FAR
    lengths = [phase.seconds for phase in phases]
    flexible = [phase.flexible for phase in phases]
    if fit(lengths, flexible, (end - start).total_seconds()) is None:
        return TOO_SOON if any(flexible) else RIGID
    slots = schedule(phases, start, end)
    if any(slot.seconds > slot.phase.seconds for slot in distorted(slots)):
        return TOO_LONG
    return ""


def at_today(when: time, today: date, like: datetime) -> datetime:
    """A clock time on the given day, in the time zone of `like`."""
    if like.utcoffset() != like.astimezone().utcoffset():
        return datetime.combine(today, when, tzinfo=like.tzinfo)  # its offset is all we know
    # This computer's zone, with its daylight-saving rules: on the night clocks change,
    # 03:30 is when the wall clock shows 03:30, not an hour before or after it.
    return datetime.combine(today, when).astimezone()


def next_at(when: time, start: datetime) -> datetime:
    """The first time the clock shows `when` after start (tomorrow, if today's has passed)."""
    end = at_today(when, start.date(), start)
    return end if end > start else at_today(when, start.date() + timedelta(days=1), start)


def end_after(when: time, start: datetime, option: str = "--end-at") -> datetime:
    """The first time the clock shows `when` after start; refused if over 8 hours away."""
    end = next_at(when, start)
    if end - start > timedelta(minutes=MAX_MINUTES):
        raise BadInput(
            f"{option} {when.strftime('%H:%M')} is in the past, or over 8 hours after the start "
            f"at {start.strftime('%H:%M')}."
        )
    return end
