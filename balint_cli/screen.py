"""Rich renderables for the live screen (no I/O): what a leader sees at a glance.

The screen is laid out by priority: when the terminal is small, the least needed parts go
first, down to the phase, the time left, the end time, the question to ask and the keys at
40x12; on a large terminal or a projector the countdown grows to fill the space. A discreet
screen shows whole minutes and no big digits. Every word balint adds comes from the
message catalogue (`i18n`); the format's words are shown as they are, never as markup.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

from balint_cli.i18n import _
from balint_cli.readout import (
    NORMAL,
    OVER,
    STYLES,
    WARN,
    big_digits,
    clock_text,
    discreet_text,
    planned_text,
    state,
    status_text,
    time_text,
)
from balint_cli.session import View
from balint_cli.text import inert

LEAVE_NOTICE = timedelta(minutes=5)  # how long before some must leave the screen says so
_DIGIT_SCALES = (8, 7, 6, 5, 4, 3, 2, 1)  # the countdown's sizes, tried largest first
_PROJECTOR = (100, 30)  # from this size up, the phase's title is shown as a banner


def key_lines() -> tuple[str, ...]:
    """The key line, from the fullest to the shortest: the first that fits is shown.

    From 80 columns up every key is on it; narrower, every key's letter, and ? for the help.
    """
    return (
        _(
            "space pause · n next · b back · +/- minute · g rules · i aids · c case · m mark"
            " · a came · d discreet · q quit · ? help"
        ),
        _(
            "space pause · n/b next/back · +/- · g rules · i aids · c case · m mark · a came"
            " · d discreet · q · ?"
        ),
        _("space pause · n · b · +/- · g rules · i aids · c case · m mark · a · d · q · ?"),
        _("spc pause · n · b · +/- · g · i · c · m · a · d · q · ? help"),
        _("spc n b +/- g i c m a d q ?"),
    )


def help_rows() -> tuple[tuple[str, str, str], ...]:
    """The keys in full (help), and each in a word for a small screen."""
    return (
        (_("space"), _("pause, or carry on"), _("pause")),
        ("n", _("next phase (asks on the last)"), _("next")),
        ("b", _("back, with the time it had left"), _("back")),
        ("+", _("one minute more for this phase"), _("minute more")),
        ("-", _("one minute less for this phase"), _("minute less")),
        ("g", _("the ground rules, to say again"), _("rules")),
        ("i", _("this phase's purpose, what to say"), _("aids")),
        ("c", _("skip the rest of this case (asks)"), _("skip case")),
        ("m", _("a marker in the log, for review"), _("marker")),
        ("a", _("how many came (digits, Enter)"), _("attendance")),
        ("d", _("discreet: minutes only, no bell"), _("discreet")),
        ("q", _("end the session (asks first)"), _("quit")),
        ("?", _("show these keys"), _("keys")),
        (_("Ctrl-C"), _("stop now (run --resume goes on)"), _("stop")),
    )


# -- what is shown ------------------------------------------------------------------------------


@dataclass
class Overlay:
    """What the controller puts over the screen: a panel, a question, or a passing note."""

    panel: str = ""  # "help", "rules" or "aids": over the screen until any key is pressed
    question: str = ""
    hint: str = ""  # how to answer the question
    note: str = ""


@dataclass
class Look:
    """How the session is shown: words from the format and the choices for this session."""

    format_name: str
    started: datetime  # wall time at session time 0
    bell: bool = True
    discreet: bool = False  # whole minutes, no big digits, no bell
    show_purpose: bool = False
    ground_rules: Sequence[str] = ()  # shown at the opening (a demonstration)
    rules: Sequence[str] = ()  # the format's ground rules, for `g`
    warning: str = ""  # a problem worth a line on the screen (the log cannot be written)
    notice: str = ""  # said on the first phase's screen (an end time that distorts a phase)
    badge: str = ""  # a word for the header, such as "demo at 30x"
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

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        height = options.height or console.size.height
        for line in self.lines(width, height, console):
            # Text.render leaves out a line's own style when it has no spans: make it one.
            yield from Text().append(line).render(console)
            yield Segment.line()

    def lines(self, width: int, height: int, console: Console) -> list[Text]:
        """Exactly `height` lines, each at most `width` cells."""
        out = _layout(self._blocks(width, height, console), height)
        for line in out:
            line.no_wrap = True
            line.truncate(width, overflow="ellipsis")
        return out

    # -- the parts, in the order they appear ------------------------------------------------

    def _blocks(self, width: int, height: int, console: Console) -> list[_Block]:
        view, look = self.view, self.look
        style = STYLES[state(view)]
        blocks = [_Block("header", [self._header(width, height)])]
        # A panel (help, rules, aids) needs the room more than the big digits do, and a
        # discreet screen has none.
        big = not (self.overlay.panel or look.discreet)
        digits = (self._digits(width, style) if big else []) or [[]]
        blocks.append(_Block("digits", digits[0], gap=True, smaller=digits[1:]))
        time_line = self._time_line(style)
        if blocks[-1].body:  # under the big digits, centred like them
            time_line = Text(" " * max(0, (width - time_line.cell_len) // 2)) + time_line
        blocks.append(_Block("time", [time_line], gap=not blocks[-1].body))
        if look.warning:
            warning = Text("! " + inert(look.warning, one_line=True), style=STYLES[WARN])
            blocks.append(_Block("warning", [warning]))
        if look.notice and view.index == 0:
            notice = self._wrapped("! " + look.notice, width, console, STYLES[WARN])
            blocks.append(_Block("notice", notice, least=1))
        leaving = look.leaving(view)
        if leaving:
            blocks.append(_Block("leaving", [Text(leaving, style="bold")]))
        panel = self.overlay.panel
        if panel:
            blocks.append(_Block("panel", self._panel(panel, width, console), gap=True, least=3))
        elif self.overlay.question:
            question = Text(self.overlay.question, style="bold reverse")
            blocks.append(_Block("question", [question], gap=True))
        else:
            blocks.append(self._prompt(width, console))
            if look.show_purpose and view.phase.purpose:
                why = self._wrapped(_("Why: ") + view.phase.purpose, width, console, "cyan")
                blocks.append(_Block("purpose", why, gap=True, least=1))
            if look.ground_rules and view.index == 0:
                rules = [Text(_("Ground rules"), style="bold")]
                rules += self._rules(look.ground_rules, width, console)
                blocks.append(_Block("rules", rules, gap=True, least=2))
        if panel:  # a panel takes the place of the rest, even at 40x12
            blocks.append(_Block("keys", [self._keys(width)]))
            return blocks
        blocks.append(
            _Block("progress", [self._bar(_("Phase"), view.phase_progress, width, style)], True)
        )
        blocks.append(
            _Block("session", [self._bar(_("Session"), view.session_progress, width, "bold")])
        )
        blocks.append(_Block("next", [self._next()], gap=True))
        blocks.append(_Block("end", [self._end()]))
        blocks.append(_Block("keys", [self._keys(width)]))
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
        if view.phase.case is not None and view.cases:
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
        """The countdown in block letters, in each size that fits the width, largest first."""
        value = time_text(self.view)
        sizes: list[list[Text]] = []
        for scale, gap in [*((s, 2) for s in _DIGIT_SCALES), (1, 1)]:
            rows = big_digits(value, scale, gap)
            if len(rows[0]) <= width and not any(len(rows) == len(s) for s in sizes):
                pad = (width - len(rows[0])) // 2
                sizes.append([Text(" " * pad + row, style=style) for row in rows])
        return sizes

    def _time_line(self, style: str) -> Text:
        """The time in plain digits (or whole minutes), and a word for the state."""
        view = self.view
        line = Text()
        if view.paused:
            line.append(_("PAUSED"), style="bold reverse")
            line.append("  ")
        if self.look.discreet:
            line.append(discreet_text(view), style=style)
        elif view.over:
            line.append(_("+{clock} over").format(clock=clock_text(view.remaining)), style=style)
        else:
            line.append(_("{clock} left").format(clock=clock_text(view.remaining)), style=style)
        length = planned_text(view.allotted, view.phase.seconds, view.phase.flexible)
        line.append(" " + _("of {length}").format(length=length), style="dim")
        if view.paused:
            line.append(" · " + _("space to carry on"), style="dim")
        elif view.warn and not view.over:
            line.append(" · " + _("nearly time"), style=style)
        return line

    def _prompt(self, width: int, console: Console) -> _Block:
        """The words to say. When room is short the question the leader asks (the prompt's
        last question, else its last sentence) stays whole; the words around it give way."""
        prompt = " ".join(inert(self.view.phase.prompt).split())
        if not prompt:
            return _Block("prompt", [])
        sentences = re.split(r"(?<=[.?!])\s+", prompt)
        asks = [i for i, sentence in enumerate(sentences) if sentence.endswith("?")]
        q = asks[-1] if asks else len(sentences) - 1
        before, after = " ".join(sentences[:q]), " ".join(sentences[q + 1 :])
        question = self._wrapped(sentences[q], width, console, "italic")
        lead = self._wrapped(before, width, console, "italic")
        rest = self._wrapped(after, width, console, "italic")
        forms = [lead + question + rest]
        if lead:
            forms.append(_cut(question + rest, before=True, after=False))
        if rest:
            forms.append(_cut(question, before=bool(lead), after=True))
        return _Block("prompt", forms[0], gap=True, smaller=forms[1:])

    def _wrapped(self, value: str, width: int, console: Console, style: str) -> list[Text]:
        return list(_wrap(value, max(width, 10), style))

    def _panel(self, panel: str, width: int, console: Console) -> list[Text]:
        """What a panel shows: the keys, the ground rules, or this phase's aids."""
        if panel == "rules":
            rules = self._rules(self.look.rules, width, console)
            return [Text(_("Ground rules"), style="bold"), *rules]
        if panel == "aids":
            phase = self.view.phase
            lines = [Text(inert(phase.title, one_line=True), style="bold")]
            if phase.purpose:
                lines += self._wrapped(_("Purpose: ") + phase.purpose, width, console, "cyan")
            if phase.interventions:
                lines.append(Text(_("If it drifts, you might say:"), style="bold"))
                lines += self._rules(phase.interventions, width, console)
            return lines
        return self._help(width)

    def _rules(self, rules: Sequence[str], width: int, console: Console) -> list[Text]:
        """A bulleted list, each item wrapped, never cut: each one matters."""
        lines: list[Text] = []
        for rule in rules:
            wrapped = self._wrapped(rule, width - 2, console, "")
            lines += [Text("  " if i else "• ") + line for i, line in enumerate(wrapped)]
        return lines

    def _help(self, width: int) -> list[Text]:
        """Every key with what it does; in two columns of single words where room is short."""
        rows = help_rows()
        if width >= 44:
            lines = []
            for key, what, _word in rows:
                line = Text(f"{key:>6}  ", style="bold")
                line.append(what)
                lines.append(line)
            return lines
        short = {_("Ctrl-C"): "^C", _("space"): _("spc")}
        cells = [Text(f"{short.get(key, key):>3} ", "bold").append(word) for key, _w, word in rows]
        half = (len(cells) + 1) // 2
        column = max(width // 2, 1)
        lines = []
        right_column = cells[half:] + [Text()] * (len(cells) % 2)
        for left, right in zip(cells[:half], right_column, strict=True):
            line = left.copy()
            line.append(" " * max(column - left.cell_len, 1))
            lines.append(line.append_text(right))
        return lines

    def _bar(self, label: str, fraction: float, width: int, style: str) -> Text:
        label = f"{label:<7}"
        room = max(width - len(label) - 7, 4)
        done = round(fraction * room)
        line = Text(f"{label} ")
        line.append("━" * done, style=style)
        line.append("─" * (room - done), style="bright_black")
        line.append(f" {round(fraction * 100):3d}%", style="dim")
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
        end = _to_minute(goal) + timedelta(minutes=late)
        line = Text(_("Ends {clock}").format(clock=f"{end:%H:%M}") + " · ")
        line.append(status_text(view), style=STYLES[OVER] if late >= 1 else STYLES[NORMAL])
        return line

    def _keys(self, width: int) -> Text:
        if self.overlay.note:
            return Text(inert(self.overlay.note, one_line=True), style="bold")
        if self.overlay.question:
            return Text(self.overlay.hint or _("y yes · any other key: no"), style="dim")
        if self.overlay.panel:
            return Text(_("Any key closes this"), style="bold")
        lines = key_lines()
        return Text(next((k for k in lines if len(k) <= width), lines[-1]), style="dim")


_MEASURE = Console(width=400, file=io.StringIO(), color_system=None)


@functools.lru_cache(maxsize=256)
def _wrap(value: str, width: int, style: str) -> tuple[Text, ...]:
    """value as lines of at most width cells (the same words are wrapped once, not a frame).

    The lines are shared: whoever changes one copies it first.
    """
    if not value.strip():
        return ()
    text = Text(" ".join(inert(value).split()), style=style)
    return tuple(text.wrap(_MEASURE, width))


def _cut(lines: list[Text], before: bool, after: bool) -> list[Text]:
    """lines with a mark where words were left out before or after them."""
    lines = [line.copy() for line in lines]
    if before:
        lines[0] = Text("… ").append_text(lines[0])
    if after:
        lines[-1].append(" …")
    return lines


def _to_minute(moment: datetime) -> datetime:
    """moment to the nearest whole minute, as a clock time is said."""
    return (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)


_TITLE_LEAST = 12  # cells of a title kept before where the group is gives way


@dataclass
class _Block:
    """A part of the screen: its lines, whether a blank line goes before it, how far it shrinks."""

    name: str
    body: list[Text]
    gap: bool = False
    least: int | None = None  # None: all of it or nothing
    smaller: list[list[Text]] = field(default_factory=list)  # other bodies, for less room


# The order in which parts claim rows; whatever does not fit is left out, from the end. The
# prompt's question comes before the bars and what is next: they give way first.
_PRIORITY = (
    "header",
    "time",
    "keys",
    "warning",
    "leaving",
    "end",
    "question",
    "panel",
    "notice",
    "prompt",
    "next",
    "progress",
    "session",
    "digits",
    "purpose",
    "rules",
)


def _layout(blocks: Sequence[_Block], height: int) -> list[Text]:
    """The blocks that fit in height rows, in screen order, the keys on the bottom row."""
    named = {block.name: block for block in blocks if block.body}
    take: dict[str, int] = {}
    left = height
    for name in _PRIORITY:
        block = named.get(name)
        if block is None:
            continue
        for body in (block.body, *block.smaller):  # the largest form that fits
            need = len(body) if block.least is None else min(block.least, len(body))
            if need <= left:
                block.body = body
                take[name] = need
                left -= need
                break
    for name in _PRIORITY:  # then words may use the rows that are left
        block = named.get(name)
        if block is not None and name in take and block.least is not None:
            more = min(len(block.body) - take[name], left)
            take[name] += more
            left -= more
    out: list[Text] = []
    for block in blocks:
        if block.name not in take or block.name == "keys":
            continue
        if block.gap and out and left > 0:
            out.append(Text(""))
            left -= 1
        shown = [line.copy() for line in block.body[: take[block.name]]]
        if len(shown) < len(block.body):
            shown[-1].append(" …")
        out.extend(shown)
    keys = [named["keys"].body[0]] if "keys" in take else []
    return (out + [Text("")] * (height - len(out) - len(keys)) + keys)[:height]


def frame(screen: SessionScreen, width: int, height: int) -> Iterator[str]:
    """The screen as plain lines, for tests and the benchmark."""
    console = Console(width=width, height=height, color_system=None, file=io.StringIO())
    for line in screen.lines(width, height, console):
        yield line.plain
