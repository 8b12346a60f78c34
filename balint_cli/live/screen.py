"""Rich renderables for the live screen (no I/O): what a leader sees at a glance.

The screen is laid out by priority: when the terminal is small, the least needed parts go
first, down to the phase, the time left, the end time, the question to ask and the keys at
40x12; on a large terminal or a projector the countdown grows to fill the space. A discreet
screen shows whole minutes and no big digits. Every word balint adds comes from the
message catalogue (`i18n`); the format's words are shown as they are, never as markup.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

from balint_cli.core.faces import NORMAL, OVER, STYLES, WARN, big_digits, state
from balint_cli.core.text import inert
from balint_cli.core.view import View
from balint_cli.core.words import (
    clock_text,
    discreet_text,
    planned_text,
    status_text,
    time_text,
    to_minute,
    wall,
    widest_time_text,
)
from balint_cli.i18n import _
from balint_cli.live.layout import Block, claims, cut, layout, wrap
from balint_cli.live.panels import key_line, key_lines, page_hint, paginate, panel_units

__all__ = [
    "LEAVE_NOTICE",
    "Look",
    "Overlay",
    "SessionScreen",
    "key_lines",
    "until_bar_moves",
]

LEAVE_NOTICE = timedelta(minutes=5)  # how long before some must leave the screen says so
_DIGIT_SCALES = (8, 7, 6, 5, 4, 3, 2, 1)  # the countdown's sizes, tried largest first
_PROJECTOR = (100, 30)  # from this size up, the phase's title is shown as a banner


# -- what is shown ------------------------------------------------------------------------------


@dataclass
class Overlay:
    """What the controller puts over the screen: a panel, a question, a passing note, or the
    notes said as the screen opens."""

    panel: str = ""  # "help", "rules" or "aids": over the screen until a key closes it
    page: int = 0  # which page of the panel, when it does not fit on one
    question: str = ""
    hint: str = ""  # how to answer the question
    note: str = ""
    notes: tuple[str, ...] = ()  # said as the screen opens, until a key or a minute


@dataclass
class Look:
    """How the session is shown: words from the format and the choices for this session."""

    format_name: str
    started: datetime  # wall time at session time 0
    bell: bool = True
    discreet: bool = False  # whole minutes, no big digits, no bell
    show_purpose: bool = False
    rules: Sequence[str] = ()  # the ground rules (and online, the online frame), for `g`
    rules_at_opening: bool = False  # the rules open over the opening, as `g` shows them (a demo)
    warning: str = ""  # a problem worth a line on the screen (the log cannot be written)
    notice: str = ""  # said on the first phase's screen (an end time that distorts a phase)
    notes: list[str] = field(default_factory=list)  # said as the screen opens (where logs go)
    badge: str = ""  # a word for the header, such as "demo, 30× speed"
    logged: bool = False  # whether the session is in a log, and so can be resumed
    leave_at: datetime | None = None  # when some must leave (--some-leave-at)
    members: int | None = None  # how many are enrolled in the group, for `a`

    def leaving(self, view: View) -> str:
        """'Some leave at 13:00', from five minutes before until that minute is over."""
        if self.leave_at is None:
            return ""
        now = self.started + timedelta(seconds=view.session_elapsed)
        if not self.leave_at - LEAVE_NOTICE <= now < self.leave_at + timedelta(minutes=1):
            return ""
        return _("Some leave at {clock}").format(clock=f"{self.leave_at:%H:%M}")


@dataclass
class SessionScreen:
    """The live screen for one moment of a session, laid out to fit the terminal."""

    view: View
    look: Look
    overlay: Overlay = field(default_factory=Overlay)
    pages: int = field(default=1, init=False)  # how many pages the open panel took, once laid out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        height = options.height or console.size.height
        for line in self.lines(width, height, console):
            # Text.render leaves out a line's own style when it has no spans: make it one.
            yield from Text().append(line).render(console)
            yield Segment.line()

    def lines(self, width: int, height: int, console: Console) -> list[Text]:
        """Exactly `height` lines, each at most `width` cells."""
        out = layout(self._blocks(width, height), height)
        for line in out:
            line.no_wrap = True
            line.truncate(width, overflow="ellipsis")
        return out

    def bars(self, width: int) -> tuple[tuple[int, int], ...]:
        """Where the two bars stand as drawn (steps and per cent): a redraw when they move."""
        view = self.view
        return (
            _bar_shown(_("Phase"), view.phase_progress, width),
            _bar_shown(_("Session"), view.session_progress, width),
        )

    # -- the parts, in the order they appear ------------------------------------------------

    def _blocks(self, width: int, height: int) -> list[Block]:
        view, look, overlay = self.view, self.look, self.overlay
        style = STYLES[state(view)]
        blocks = [Block("header", [self._header(width, height)])]
        # A panel (help, rules, aids) needs the room more than the big digits do, and a
        # discreet screen has none.
        big = not (overlay.panel or look.discreet)
        digits = (self._digits(width, style) if big else []) or [[]]
        blocks.append(Block("digits", digits[0], gap=True, smaller=digits[1:]))
        time_line = self._time_line(style)
        if blocks[-1].body:  # under the big digits, centred like them
            time_line = Text(" " * max(0, (width - time_line.cell_len) // 2)) + time_line
        blocks.append(Block("time", [time_line], gap=not blocks[-1].body))
        if look.warning:
            warning = Text("! " + inert(look.warning, one_line=True), style=STYLES[WARN])
            blocks.append(Block("warning", [warning]))
        if overlay.notes:
            blocks.append(self._notes(width))
        if look.notice and view.index == 0:
            notice = list(wrap("! " + look.notice, width, STYLES[WARN]))
            blocks.append(Block("notice", notice, least=1))
        leaving = look.leaving(view)
        if leaving:
            blocks.append(Block("leaving", [Text(leaving, style="bold")]))
        if overlay.panel:  # a panel takes the place of the rest, even at 40x12
            blocks.append(Block("panel", [], gap=True, least=1))
            blocks.append(Block("keys", [Text("")]))
            self._page(blocks, width, height)
            return blocks
        if overlay.question:
            question = Text(overlay.question, style="bold reverse")
            blocks.append(Block("question", [question], gap=True))
        else:
            blocks.append(self._prompt(width))
            if look.show_purpose and view.phase.purpose:
                why = list(wrap(_("Purpose: ") + view.phase.purpose, width, "cyan"))
                blocks.append(Block("purpose", why, gap=True, least=1))
        phase_bar = self._bar(_("Phase"), view.phase_progress, width, style)
        blocks.append(Block("progress", [phase_bar], gap=True))
        blocks.append(Block("session", [self._bar(_("Session"), view.session_progress, width)]))
        blocks.append(Block("next", [self._next()], gap=True))
        blocks.append(Block("end", [self._end()]))
        blocks.append(Block("keys", [self._keys(width)]))
        return blocks

    def _header(self, width: int, height: int) -> Text:
        """The phase's title, and where the group is: in full, shorter, or as 8/12.

        On a large screen (a projector) the title stands out as a banner.
        """
        view = self.view
        banner = width >= _PROJECTOR[0] and height >= _PROJECTOR[1]
        name = inert(view.phase.title, one_line=True)
        title = Text(f" {name} " if banner else name, style="bold reverse" if banner else "bold")
        badge = [self.look.badge] if self.look.badge else []
        case, full = [], []
        if view.phase.case is not None and view.cases > 1:  # "case 1 of 1" says nothing
            case = [_("case {number}").format(number=view.phase.case)]
            full = [_("case {number} of {cases}").format(number=view.phase.case, cases=view.cases)]
        at = f"{view.index + 1}/{view.count}"
        whole = _("phase {number} of {count}").format(number=view.index + 1, count=view.count)
        choices = [
            " · ".join([*badge, *full, whole]),
            " · ".join([*badge, *case, at]),
            " · ".join([*case, at]),
            at,
        ]
        right = next((c for c in choices if title.cell_len + 2 + len(c) <= width), None)
        if right is None:  # the title gives way, so that where the group is stays in sight
            right = next((c for c in choices if width - 2 - len(c) >= _TITLE_LEAST), at)
            title.truncate(max(width - 2 - len(right), 1), overflow="ellipsis")
        title.append(" " * max(width - title.cell_len - len(right), 2) + right, style="dim")
        return title

    def _digits(self, width: int, style: str) -> list[list[Text]]:
        """The countdown in block letters, in each size that fits the width, largest first.

        A size fits when the widest time of the phase fits ("+" and its minutes, once over),
        so that the digits keep their size all through the phase; only where not even the
        smallest holds it (under 42 columns) do they fit the time as it is.
        """
        value = time_text(self.view)
        for shown in ((value, widest_time_text(self.view)), (value,)):
            sizes: list[list[Text]] = []
            for scale in _DIGIT_SCALES:
                # Letters closer together before smaller ones: size matters across a room.
                gap = next((g for g in (2, 1) if _fits(shown, scale, g, width)), None)
                if gap is not None:
                    rows = big_digits(value, scale, gap)
                    pad = (width - len(rows[0])) // 2
                    sizes.append([Text(" " * pad + row, style=style) for row in rows])
            if sizes:
                return sizes
        return []

    def _time_line(self, style: str) -> Text:
        """The time in plain digits (or whole minutes), and a word for the state: '06:12 left
        of 8 min'; once over, the length first, '8 min · +01:02 over'."""
        view, discreet = self.view, self.look.discreet
        line = Text()
        if view.paused:
            line.append(_("PAUSED"), style="bold reverse")
            line.append("  ")
        # A discreet screen rounds the length as it rounds the time left: never more left than
        # the whole.
        length = planned_text(
            view.allotted, view.phase.seconds, view.phase.flexible, whole=discreet
        )
        if discreet:
            time = discreet_text(view)
        elif view.over:
            time = _("+{clock} over").format(clock=clock_text(view.remaining))
        else:
            time = _("{clock} left").format(clock=clock_text(view.remaining))
        if view.over:
            line.append(length + " · ", style="dim")
            line.append(time, style=style)
        else:
            line.append(time, style=style)
            line.append(" " + _("of {length}").format(length=length), style="dim")
        if view.paused:
            line.append(" · " + _("space to carry on"), style="dim")
        elif view.warn and not view.over:
            line.append(" · " + _("nearly time"), style=style)
        return line

    def _notes(self, width: int) -> Block:
        """The notes said as the screen opens; when room is short, how to hide them gives way
        first, then their last words."""
        said = [
            line
            for note in self.overlay.notes
            for line in wrap(_("Note: ") + inert(note, one_line=True), width, "")
        ]
        hint = Text(_("Enter hides these notes."), style="dim")
        return Block("notes", [*said, hint], gap=True, least=1)

    def _prompt(self, width: int) -> Block:
        """The words to say. When room is short the question the leader asks (the prompt's
        last question, else its last sentence) stays whole; the words around it give way."""
        prompt = " ".join(inert(self.view.phase.prompt).split())
        if not prompt:
            return Block("prompt", [])
        sentences = re.split(r"(?<=[.?!])\s+", prompt)
        asks = [i for i, sentence in enumerate(sentences) if sentence.endswith("?")]
        q = asks[-1] if asks else len(sentences) - 1
        before, after = " ".join(sentences[:q]), " ".join(sentences[q + 1 :])
        question = list(wrap(sentences[q], width, "italic"))
        lead = list(wrap(before, width, "italic"))
        rest = list(wrap(after, width, "italic"))
        forms = [lead + question + rest]
        if lead:
            forms.append(cut(question + rest, before=True, after=False))
        if rest:
            forms.append(cut(question, before=bool(lead), after=True))
        return Block("prompt", forms[0], gap=True, smaller=forms[1:])

    def _page(self, blocks: list[Block], width: int, height: int) -> None:
        """The open panel's page in the rows it gets, and on the bottom row where it is."""
        panel, keys = blocks[-2], blocks[-1]
        units = panel_units(self.overlay.panel, self.view, self.look.rules, width)
        panel.body = [line for unit in units for line in unit]
        pages = paginate(units, claims(blocks, height).get("panel", 0))
        self.pages = len(pages)
        page = min(self.overlay.page, len(pages) - 1)
        panel.body = pages[page]
        keys.body = [Text(page_hint(page, len(pages), width), style="bold")]

    def _bar(self, label: str, fraction: float, width: int, style: str = "bold") -> Text:
        done, percent = _bar_shown(label, fraction, width)
        room = _bar_room(label, width)
        line = Text(f"{label:<7} ")
        line.append("━" * done, style=style)
        line.append("─" * (room - done), style="bright_black")
        line.append(f" {percent:3d}%", style="dim")
        return line

    def _next(self) -> Text:
        view = self.view
        if view.next_phase is None:
            return Text(_("Next: the end of the session"), style="dim")
        line = Text(_("Next: "), style="dim")
        line.append(inert(view.next_phase.title, one_line=True))
        length = planned_text(view.next_seconds, view.next_phase.seconds, view.next_phase.flexible)
        line.append(f" ({length})", style="dim")
        return line

    def _end(self) -> Text:
        """When the session will end, in the same whole minutes as how late that is."""
        view = self.view
        late = round(view.late / 60)
        goal = self.look.started + timedelta(seconds=view.projected_end - view.late)
        end = to_minute(goal) + timedelta(minutes=late)
        line = Text(_("Ends {clock}").format(clock=f"{wall(end):%H:%M}") + " · ")
        line.append(status_text(view), style=STYLES[OVER] if late >= 1 else STYLES[NORMAL])
        return line

    def _keys(self, width: int) -> Text:
        if self.overlay.note:
            return Text(inert(self.overlay.note, one_line=True), style="bold")
        if self.overlay.question:
            return Text(self.overlay.hint or _("y yes · any other key: no"), style="dim")
        return Text(key_line(width), style="dim")


def until_bar_moves(view: View, width: int) -> float:
    """Session seconds until the phase's bar grows by a step at this width (infinity: never)."""
    room = _bar_room(_("Phase"), width)
    done = _bar_shown(_("Phase"), view.phase_progress, width)[0]
    if view.paused or view.allotted <= 0 or done >= room:
        return math.inf
    return max((done + 0.5) / room * view.allotted - view.elapsed, 0.0)


def _bar_room(label: str, width: int) -> int:
    """How many steps a bar has at this width, beside its label and its per cent."""
    return max(width - len(f"{label:<7}") - 7, 4)


def _bar_shown(label: str, fraction: float, width: int) -> tuple[int, int]:
    """A bar's steps done, rounded half up (as its next step is foreseen), and its per cent."""
    return math.floor(fraction * _bar_room(label, width) + 0.5), round(fraction * 100)


def _fits(values: Sequence[str], scale: int, gap: int, width: int) -> bool:
    return all(len(big_digits(value, scale, gap)[0]) <= width for value in values)


_TITLE_LEAST = 12  # cells of a title kept before where the group is gives way
