"""The keys of a live session: the one place where a key becomes an action (a table, _KEYS),
with the panels, questions and passing notes it opens over the screen (no I/O)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from balint_cli.core.digits import is_digits
from balint_cli.core.events import QUIT, Event
from balint_cli.core.rules import MAX_PEOPLE
from balint_cli.core.session import Session
from balint_cli.core.text import inert
from balint_cli.core.words import length_text
from balint_cli.i18n import _, is_yes, n_
from balint_cli.live.panels import AIDS, HELP, NEXT_PAGE, ONLY_PAGES, PAGE_BACK, RULES
from balint_cli.live.screen import Look, Overlay

NOTE_SECONDS = 3.0  # how long a passing note stays, in real seconds
NOTES_SECONDS = 60.0  # how long the notes said as the screen opens stay, in real seconds


@dataclass
class Controller:
    """Turns key presses into session changes, with panels, questions and passing notes.

    This is the one place where a key becomes an action.
    """

    session: Session
    look: Look = field(default_factory=lambda: Look("", datetime.now().astimezone()))
    speed: float = 1.0
    overlay: Overlay = field(default_factory=Overlay)
    _pending: Callable[[float], list[Event]] | None = None
    _count: str | None = None  # the attendance being typed after `a`
    _note_until: float = 0.0
    _notes_until: float = 0.0
    _for_opening: bool = False  # the panel open is the opening's ground rules, which go with it
    pages: int = 1  # how many pages the open panel has, as last drawn

    def greet(self, notes: Sequence[str], t: float) -> None:
        """Say notes as the screen opens, at session time t: until a key, or for a minute.

        A demonstration opens with the ground rules over the opening, whole, a page at a time
        as `g` shows them, until a key closes them or the opening ends.
        """
        self.overlay.notes = tuple(notes)
        self._notes_until = t + NOTES_SECONDS * self.speed
        if self.look.rules_at_opening and self.look.rules and self.session.index == 0:
            self._open(RULES)
            self._for_opening = True

    def press(self, key: str, t: float) -> list[Event]:
        """What a key does, at session time t."""
        self.overlay.note = ""  # a passing note never hides what the key does next
        self.overlay.notes = ()  # nor do the notes said as the screen opened: they were seen
        if self.overlay.panel:  # a key turns a panel's page or closes it, and does nothing else
            self._turn_page(key)
            return []
        if key in ONLY_PAGES:  # an arrow outside a panel does nothing, not even answer a question
            return []
        if self._count is not None:
            return self._counting(key, t)
        if self._pending is not None:
            asked, self._pending = self._pending, None
            self.overlay.question = ""
            if is_yes(key):
                return asked(t)
            self._note(_("Carrying on."), t)
            return []
        action = _KEYS.get(key)
        return action(self, t) if action is not None else []

    # -- what each key does (the table is _KEYS, below the class) ---------------------------

    def _title(self) -> str:
        return inert(self.session.phases[self.session.index].title, one_line=True)

    def _pause(self, t: float) -> list[Event]:
        return self.session.toggle_pause(t)

    def _next(self, t: float) -> list[Event]:
        session = self.session
        if session.index == len(session.phases) - 1:
            self._ask(_("This is the last phase. End the session now? y/n"), session.next)
            return []
        return session.next(t)

    def _back(self, t: float) -> list[Event]:
        events = self.session.back(t)
        if not events:
            self._note(_("This is the first phase."), t)
        return events

    def _more(self, t: float) -> list[Event]:
        events = self.session.extend(t, 1)
        self._note(_("One more minute for {title}.").format(title=self._title()), t)
        return events

    def _less(self, t: float) -> list[Event]:
        events = self.session.extend(t, -1)
        if events:
            self._note(_("One minute less for {title}.").format(title=self._title()), t)
        else:
            self._note(_("{title} cannot be shorter than a minute.").format(title=self._title()), t)
        return events

    def _skip_case(self, t: float) -> list[Event]:
        self._ask_skip_case(t)
        return []

    def _one_case(self, t: float) -> list[Event]:
        """Only the case in hand today, after a question; a note says why not, when not."""
        session = self.session
        case = session.case_in_hand()
        if case is None:
            self._note(self._no_case_ahead(), t)
            return []
        ahead = sorted({p.case for p in session.phases if p.case not in (None, case)})
        if session.target is None:  # no end to keep: the session ends earlier instead
            question = n_(
                "Take only this case today and leave out case {next}? y/n",
                "Take only this case today and leave out cases {next} to {last}? y/n",
                len(ahead),
            )
        else:
            question = n_(
                "Take only this case today and give case {next}'s time to it? y/n",
                "Take only this case today and give the time of cases {next} to {last} to it? y/n",
                len(ahead),
            )

        def take(at: float) -> list[Event]:
            self._note(_("Only one case today."), at)
            return session.one_case(at)

        self._ask(question.format(next=ahead[0], last=ahead[-1]), take)
        return []

    def _no_case_ahead(self) -> str:
        """Why `o` does nothing now: no second case, or the first case is over."""
        cases = [p.case for p in self.session.phases if p.case is not None]
        if self.session.cases < 2:
            return _("This session has no second case to leave out.")
        said = _("The cases ahead can be left out only in the opening or in case {number}.")
        return said.format(number=cases[0])

    def _mark(self, t: float) -> list[Event]:
        events = self.session.mark(t)
        into = length_text(t - self.session.start)
        self._note(_("Marker set, {length} into the session.").format(length=into), t)
        return events

    def _came(self, t: float) -> list[Event]:
        self._count = ""
        self._ask_count()
        return []

    def _discreet(self, t: float) -> list[Event]:
        self.look.discreet = not self.look.discreet
        if self.look.discreet:
            self._note(_("Discreet: whole minutes, no big digits, no bell."), t)
        else:
            self._note(_("Full screen: the countdown in big digits."), t)
        return []

    def _rules(self, t: float) -> list[Event]:
        if self.look.rules:
            self._open(RULES)
        else:
            self._note(_("This format has no ground rules."), t)
        return []

    def _tips(self, t: float) -> list[Event]:
        phase = self.session.phases[self.session.index]
        if phase.purpose or phase.interventions:
            self._open(AIDS)
        else:
            nothing = _("The format gives {title} no purpose or interventions.")
            self._note(nothing.format(title=self._title()), t)
        return []

    def _quit(self, t: float) -> list[Event]:
        session = self.session
        self._ask(_("End the session now? y/n"), lambda at: session.finish(at, QUIT))
        return []

    def _help(self, t: float) -> list[Event]:
        self._open(HELP)
        return []

    def _open(self, panel: str) -> None:
        """A panel over the screen, from its first page (how many it has is known once drawn)."""
        self.overlay.panel, self.overlay.page = panel, 0
        self.pages = 1
        self._for_opening = False  # opened with a key: it stays until a key closes it

    def overlay_at(self, t: float) -> Overlay:
        if self._for_opening and self.session.index != 0:
            self._for_opening = False
            self.overlay.panel, self.overlay.page = "", 0
        if self.overlay.note and t >= self._note_until:
            self.overlay.note = ""
        if self.overlay.notes and t >= self._notes_until:
            self.overlay.notes = ()
        return self.overlay

    def note_left(self, t: float) -> float:
        """Session seconds until a passing note, or the opening notes, go (infinity: none)."""
        timers = [(self.overlay.note, self._note_until), (self.overlay.notes, self._notes_until)]
        return max(min((until - t for said, until in timers if said), default=math.inf), 0.0)

    def _turn_page(self, key: str) -> None:
        """Space (n, an arrow) to the panel's next page, b to the one before; else it closes."""
        overlay = self.overlay
        overlay.page = min(overlay.page, self.pages - 1)  # fewer pages, after a resize
        if key in NEXT_PAGE and overlay.page + 1 < self.pages:
            overlay.page += 1
        elif key in PAGE_BACK and overlay.page > 0:
            overlay.page -= 1
        else:
            overlay.panel, overlay.page = "", 0

    def _counting(self, key: str, t: float) -> list[Event]:
        """Digits and Enter set the attendance; Escape cancels; nothing else does anything."""
        assert self._count is not None
        if key == "escape":
            self._count = None
            self.overlay.question = ""
            self._note(_("Attendance left as it was."), t)
            return []
        if key == "enter" and self._count:
            came, self._count = int(self._count), None
            self.overlay.question = ""
            members = self.look.members
            if members:
                self._note(_("{came} of {members} here.").format(came=came, members=members), t)
            else:
                self._note(_("{came} here.").format(came=came), t)
            return self.session.count(t, came, members)
        if key == "backspace":
            self._count = self._count[:-1]
        elif is_digits(key) and len(self._count) < len(str(MAX_PEOPLE)):
            self._count += key
        self._ask_count()
        return []

    def _ask_count(self) -> None:
        typed = self._count or "_"
        self.overlay.question = _("How many came? {typed}").format(typed=typed)
        self.overlay.hint = _("digits, then Enter · Escape cancels")
        self.overlay.note = ""

    def _ask_skip_case(self, t: float) -> None:
        session = self.session
        case = session.phases[session.index].case
        if case is None:
            self._note(_("This phase is not part of a case."), t)
            return
        after = session.after_case()
        if after >= len(session.phases):
            question = _("Skip the rest of case {number} and end the session? y/n")
        elif session.phases[after].case is not None:
            question = _("Skip the rest of case {number} and go on to case {next}? y/n")
        else:
            question = _("Skip the rest of case {number} and go on to {title}? y/n")
        title = inert(session.phases[min(after, len(session.phases) - 1)].title, one_line=True)
        following = session.phases[after].case if after < len(session.phases) else None
        self._ask(question.format(number=case, next=following, title=title), session.skip_case)

    def _ask(self, question: str, action: Callable[[float], list[Event]]) -> None:
        self._pending = action
        self.overlay.question = question
        self.overlay.hint = ""
        self.overlay.note = ""

    def _note(self, note: str, t: float) -> None:
        self.overlay.note = note
        self._note_until = t + NOTE_SECONDS * self.speed


# What each key does, when no panel, question or count is open: the one place where a key
# becomes an action.
_KEYS: dict[str, Callable[[Controller, float], list[Event]]] = {
    "space": Controller._pause,
    "n": Controller._next,
    "b": Controller._back,
    "+": Controller._more,
    "-": Controller._less,
    "c": Controller._skip_case,
    "o": Controller._one_case,
    "m": Controller._mark,
    "a": Controller._came,
    "d": Controller._discreet,
    "g": Controller._rules,
    "i": Controller._tips,
    "q": Controller._quit,
    "?": Controller._help,
}
