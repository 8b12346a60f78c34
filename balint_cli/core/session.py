"""Pure: the session state machine (pause, next, back, extend, one case, end) over session time.

Every time is a reading of one clock, in seconds on the session's time line; nothing here
sleeps, reads a clock or touches a terminal. Each change returns the events it caused, and
replaying those events into a fresh session rebuilds the same state (that is how a killed
session is resumed).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from balint_cli.core.events import COMPLETED, QUIT, Event
from balint_cli.core.format import Phase
from balint_cli.core.schedule import FLOOR_SECONDS, hold
from balint_cli.core.view import View


class Session:
    """One running session: which phase, how long each has had, pauses and changes."""

    def __init__(
        self,
        phases: Sequence[Phase],
        planned: Sequence[float] | None = None,
        *,
        target: float | None = None,
        auto: bool = False,
        start: float = 0.0,
    ) -> None:
        self.phases = list(phases)
        self.planned = list(planned) if planned is not None else [p.seconds for p in phases]
        self.target = target  # session time at which the session must end, if it holds one
        self.auto = auto
        self.start = start
        self.index = 0
        self.cases = len({p.case for p in phases if p.case is not None})
        count = len(self.phases)
        # Each phase's number in the plan the session began with, which its log's events name:
        # a phase keeps it when the cases ahead are dropped (`one_case`).
        self.numbers = list(range(count))
        self._fitted = list(self.planned)  # a flexible phase's length, set as it begins
        self._extra = [0.0] * count  # minutes added or taken with + and -
        self._used = [0.0] * count  # time spent on each phase in earlier visits
        self._visit_start = start
        self._paused_since: float | None = None
        self._paused_in_visit = 0.0
        self.paused_total = 0.0
        self._due_told = False
        self._latest = start  # when the last thing happened: nothing is dated before it
        self.ended: str | None = None
        self.ended_at: float | None = None

    # -- reading the state ---------------------------------------------------------------

    @property
    def paused(self) -> bool:
        return self._paused_since is not None

    def elapsed(self, t: float) -> float:
        """Time spent on the current phase, pauses excluded."""
        until = self._paused_since if self._paused_since is not None else t
        return self._used[self.index] + (until - self._visit_start) - self._paused_in_visit

    def allotted(self, index: int | None = None) -> float:
        """How long a phase is given: its plan or fitted length, plus or minus minutes."""
        i = self.index if index is None else index
        return max(self._floor(i), self._fitted[i] + self._extra[i])

    def remaining(self, t: float) -> float:
        return self.allotted() - self.elapsed(t)

    def ahead(self, t: float) -> list[float]:
        """The lengths of the phases after this one, fitted to the end time if there is one."""
        rest = range(self.index + 1, len(self.phases))
        lengths = [self._fitted[i] + self._extra[i] for i in rest]
        if self.target is None:
            return [max(self._floor(i), length) for i, length in zip(rest, lengths, strict=True)]
        room = self.target - t - max(self.remaining(t), 0.0)
        return hold(lengths, [self.phases[i].flexible for i in rest], room)

    def projected_end(self, t: float) -> float:
        """When the session will end, as things stand."""
        if self.ended_at is not None:
            return self.ended_at
        return t + max(self.remaining(t), 0.0) + math.fsum(self.ahead(t))

    def late(self, t: float) -> float:
        """Seconds past the end the session keeps to (its target, else its plan)."""
        goal = self.target if self.target is not None else self.start + math.fsum(self.planned)
        return self.projected_end(t) - goal

    def view(self, t: float) -> View:
        i = self.index
        ahead = self.ahead(t)
        phase = self.phases[i]
        remaining = self.remaining(t)
        lengths = [*self._used[:i], max(self.allotted(), self.elapsed(t)), *ahead]
        return View(
            index=i,
            count=len(self.phases),
            phase=phase,
            cases=self.cases,
            allotted=self.allotted(),
            elapsed=self.elapsed(t),
            remaining=remaining,
            warn=0 < remaining <= min(phase.warn_seconds, self.allotted()),
            paused=self.paused,
            next_phase=self.phases[i + 1] if i + 1 < len(self.phases) else None,
            next_seconds=ahead[0] if ahead else 0.0,
            projected_end=self.projected_end(t) - self.start,
            late=self.late(t),
            holding=self.target is not None,
            session_elapsed=(self.ended_at if self.ended_at is not None else t) - self.start,
            lengths=tuple(lengths),
            ended=self.ended,
        )

    def _floor(self, index: int) -> float:
        return min(FLOOR_SECONDS, self.planned[index])

    # -- changing it ----------------------------------------------------------------------

    def begin(self) -> list[Event]:
        """The first phase starts."""
        self._fit(self.start)
        return [self._phase_event("phase_start", self.start, "start")]

    def toggle_pause(self, t: float) -> list[Event]:
        if self.ended:
            return []
        if self._paused_since is None:
            self._paused_since = t
            return [self._event("pause", t, {"phase": self.phases[self.index].id})]
        paused = t - self._paused_since
        self._paused_in_visit += paused
        self.paused_total += paused
        self._paused_since = None
        return [self._event("resume", t, {"phase": self.phases[self.index].id, "paused": paused})]

    def next(self, t: float) -> list[Event]:
        """Move on; on the last phase this ends the session."""
        if self.ended:
            return []
        if self.index == len(self.phases) - 1:
            return self.finish(t, COMPLETED)
        return self._enter(self.index + 1, t, "next")

    def back(self, t: float) -> list[Event]:
        """Return to the previous phase, with the time it had left."""
        if self.ended or self.index == 0:
            return []
        return self._enter(self.index - 1, t, "back")

    def extend(self, t: float, minutes: int) -> list[Event]:
        """Give the current phase minutes more (or fewer), never below its floor."""
        if self.ended:
            return []
        i = self.index
        before = self.allotted()
        self._extra[i] += 60.0 * minutes
        self._extra[i] = max(self._extra[i], self._floor(i) - self._fitted[i])
        after = self.allotted()
        if after == before:
            return []
        if self.remaining(t) > 0:
            self._due_told = False
        return [
            self._event(
                "extend",
                t,
                {"phase": self.phases[i].id, "minutes": minutes, "allotted": after},
            )
        ]

    def tick(self, t: float) -> list[Event]:
        """Let time pass: say when a phase's time is up, and move on by itself if it should.

        A phase moves on by itself at zero with --auto, or when the format says so for it
        (`at_zero = "next"`): then quietly, without the `due` that rings the bell.
        """
        events: list[Event] = []
        while not self.ended:
            remaining = self.remaining(t)
            if remaining > 0:
                break
            # The moment the time ran out, but never before the last thing that happened:
            # a phase that ran out while balint was down ran on until it came back.
            boundary = max(t + remaining, self._latest)
            quiet = self.phases[self.index].at_zero == "next"
            if not self._due_told and not quiet:
                self._due_told = True
                events.append(self._event("due", boundary, {"phase": self.phases[self.index].id}))
            if self.paused or not (self.auto or quiet):
                break
            if self.index == len(self.phases) - 1:
                events += self.finish(boundary, COMPLETED)
            else:
                events += self._enter(self.index + 1, boundary, "auto")
        return events

    def carry_on(self, t: float, **data: Any) -> list[Event]:
        """balint runs again after it was down (the group went on): nothing is dated before t."""
        return [self._event("session_resume", t, data)]

    def skip_case(self, t: float) -> list[Event]:
        """Leave the rest of this phase's case: on to the next case, or the closing after it."""
        if self.ended or self.phases[self.index].case is None:
            return []
        after = self.after_case()
        if after >= len(self.phases):
            return self.finish(t, COMPLETED)
        return self._enter(after, t, "case")

    def after_case(self, index: int | None = None) -> int:
        """The index of the first phase after the case that the phase at index belongs to."""
        i = self.index if index is None else index
        case = self.phases[i].case
        while i < len(self.phases) and self.phases[i].case == case:
            i += 1
        return i

    def case_in_hand(self) -> int | None:
        """The case `one_case` keeps: the first, while the opening or that case is under way
        and a case comes after it; None when there is no case ahead to drop."""
        numbers = list(dict.fromkeys(p.case for p in self.phases if p.case is not None))
        if self.ended or len(numbers) < 2:
            return None
        last = max(i for i, phase in enumerate(self.phases) if phase.case == numbers[0])
        return numbers[0] if self.index <= last else None

    def one_case(self, t: float) -> list[Event]:
        """Take only the case in hand today: the phases of the cases ahead are dropped, their
        time goes to the flexible phases left when the session keeps an end, and the words
        for one case apply from now on."""
        case = self.case_in_hand()
        if case is None:
            return []
        kept = [i for i, phase in enumerate(self.phases) if phase.case in (None, case)]
        dropped = self.cases - 1
        self.phases = [self.phases[i].for_one_case() for i in kept]
        for name in ("planned", "numbers", "_fitted", "_extra", "_used"):
            setattr(self, name, [getattr(self, name)[i] for i in kept])
        self.cases = 1
        self._fit(t, whole=True)
        if self.remaining(t) > 0:
            self._due_told = False
        data = {"index": self.numbers[self.index], "case": case, "dropped": dropped}
        return [self._event("one_case", t, data)]

    def place(self, number: int) -> int:
        """Where the phase its log numbers `number` is among the phases (ValueError: none)."""
        return self.numbers.index(number)

    def count(self, t: float, attendees: int, members: int | None) -> list[Event]:
        """How many came (set or corrected as people arrive), beside how many are enrolled."""
        if self.ended:
            return []
        return [self._event("attendance", t, {"attendees": attendees, "members": members})]

    def mark(self, t: float) -> list[Event]:
        """A marker for supervision: when, and in which phase; nothing else."""
        if self.ended:
            return []
        i = self.index
        return [self._event("marker", t, {"index": self.numbers[i], "phase": self.phases[i].id})]

    def finish(self, t: float, how: str) -> list[Event]:
        """End the session: completed, quit or interrupted."""
        if self.ended:
            return []
        if how == QUIT and self.index == len(self.phases) - 1 and self.remaining(t) <= 0:
            how = COMPLETED  # quitting once the last phase's time is up is finishing
        events = [self._leave(t, how)]
        if self._paused_since is not None:
            self.paused_total += t - self._paused_since
            self._paused_since = t
        self.ended = how
        self.ended_at = t
        events.append(
            self._event(
                "session_end",
                t,
                {
                    "how": how,
                    "seconds": t - self.start,
                    "paused": self.paused_total,
                    "late": self.late(t),
                },
            )
        )
        return events

    def replay(self, events: Iterable[Event]) -> list[Event]:
        """Rebuild the state from a log's events (the session_start line excluded).

        A log that ends in the middle of a move (a phase ended, the next not yet begun: the
        power went between the two lines) is taken to have made it, and one that ends before
        its first phase began, to have begun it; the events that do so are returned, for the
        log.
        """
        last: Event | None = None
        began = False
        for event in events:
            kind, t = event.kind, event.t
            self._latest = max(self._latest, t)  # markers and resumes too, though not replayed
            began = began or kind == "phase_start"
            if kind == "phase_start" and event.data.get("by") == "start":
                self.begin()
            elif kind == "phase_start":
                at = self.place(int(event.data["index"]))
                self._enter(at, t, str(event.data.get("by", "next")))
            elif kind in ("pause", "resume"):
                if (kind == "pause") != self.paused:
                    self.toggle_pause(t)
            elif kind == "extend":
                self.extend(t, int(event.data["minutes"]))
            elif kind == "one_case":
                self.one_case(t)
            elif kind == "due":
                self._due_told = True
            elif kind == "session_end":
                self.finish(t, str(event.data["how"]))
            last = event
        if not began and not self.ended:  # stopped before its first phase was written
            return self.begin()
        if last is None or last.kind != "phase_end" or self.ended:
            return []
        by = str(last.data.get("by"))
        if by in (COMPLETED, QUIT):
            return self.finish(last.t, by)[1:]
        if by == "case":
            target = self.after_case()
        else:
            step = {"next": 1, "auto": 1, "back": -1}.get(by)
            if step is None:
                return []
            target = self.index + step
        if not 0 <= target < len(self.phases):
            return []
        return self._enter(target, last.t, by)[1:]

    # -- the moves underneath ---------------------------------------------------------------

    def _enter(self, index: int, t: float, by: str) -> list[Event]:
        events = [self._leave(t, by)]
        if self._paused_since is not None:  # a pause carries over into the next phase
            self.paused_total += t - self._paused_since
            self._paused_since = t
        self.index = index
        self._visit_start = t
        self._paused_in_visit = 0.0
        self._fit(t)
        self._due_told = self.remaining(t) <= 0
        events.append(self._phase_event("phase_start", t, by))
        return events

    def _leave(self, t: float, by: str) -> Event:
        i = self.index
        self._used[i] = self.elapsed(t)
        return self._event("phase_end", t, self._phase_data(by, actual=self._used[i]))

    def _fit(self, t: float, whole: bool = False) -> None:
        """A flexible phase takes its length as it begins, so the end time holds: what is left
        of it is fitted; whole, when the cases ahead are dropped, so that one run over gains."""
        i = self.index
        if self.target is None or not self.phases[i].flexible:
            return
        spent = self.elapsed(t)  # as it begins, its earlier visits
        rest = range(i, len(self.phases))
        lengths = [self._fitted[j] + self._extra[j] for j in rest]
        if not whole:
            lengths[0] = max(lengths[0] - spent, 0.0)  # only what is left of it
        room = self.target - t + (spent if whole else 0.0)
        fitted = hold(lengths, [self.phases[j].flexible for j in rest], room)
        self._fitted[i] = fitted[0] + (0.0 if whole else spent) - self._extra[i]

    def _event(self, kind: str, t: float, data: dict[str, Any]) -> Event:
        """Every event the session makes: the last of them dates what comes after."""
        self._latest = max(self._latest, t)
        return Event(kind, t, data)

    def _phase_event(self, kind: str, t: float, by: str) -> Event:
        return self._event(kind, t, self._phase_data(by))

    def _phase_data(self, by: str, **more: float) -> dict[str, Any]:
        """The current phase as its events name it: by its number in the log, and its id."""
        i = self.index
        return {
            "index": self.numbers[i],
            "phase": self.phases[i].id,
            "planned": self.planned[i],
            "allotted": self.allotted(i),
            **more,
            "by": by,
        }
