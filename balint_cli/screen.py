"""Rich renderables for the live screen (no I/O): what a leader sees at a glance.

The screen is laid out by priority: when the terminal is small, the least needed parts go
first, down to the phase, the time left, the end time and the keys at 40x12.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

from balint_cli.session import View
from balint_cli.text import inert

NORMAL, WARN, OVER, PAUSED = "normal", "warn", "over", "paused"
STYLES = {
    NORMAL: "bold green",
    WARN: "bold #ffb000",  # amber
    OVER: "bold red",
    PAUSED: "bold bright_black",
}
# The key line, from the fullest to the shortest: the first that fits the width is shown.
KEY_LINES = (
    "space pause · n next · b back · +/- minute · g rules · i aids · c case · m mark"
    " · q quit · ? help",
    "space pause · n next · b back · +/- · g rules · i aids · c case · m mark · q · ?",
    "spc pause · n · b · +/- · g · i · c · m · q quit · ? help",
    "spc n b +/- g i c m q ?",
)
# The keys in full (help), and each in a word for a small screen.
HELP = (
    ("space", "pause, or carry on", "pause"),
    ("n", "next phase (asks on the last)", "next"),
    ("b", "back, with the time it had left", "back"),
    ("+", "one minute more for this phase", "minute more"),
    ("-", "one minute less for this phase", "minute less"),
    ("g", "the ground rules, to say again", "rules"),
    ("i", "this phase's purpose, what to say", "aids"),
    ("c", "skip the rest of this case (asks)", "skip case"),
    ("m", "a marker in the log, for review", "marker"),
    ("q", "end the session (asks first)", "quit"),
    ("?", "show these keys", "keys"),
    ("Ctrl-C", "stop now (run --resume goes on)", "stop"),
)

# A 3x5 font for the countdown, drawn twice as wide as it is tall per cell.
_FONT = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", "###", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
    "+": ("   ", " # ", "###", " # ", "   "),
}


def clock_text(seconds: float) -> str:
    """Seconds as MM:SS, the way a countdown shows them (rounded up while counting down)."""
    whole = max(0, math.ceil(seconds - 1e-9)) if seconds > 0 else math.floor(-seconds + 1e-9)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def time_text(view: View) -> str:
    """The time as the big digits show it: 06:12 left, or +01:12 once over."""
    return ("+" if view.over else "") + clock_text(view.remaining)


def state(view: View) -> str:
    if view.paused:
        return PAUSED
    if view.over:
        return OVER
    return WARN if view.warn else NORMAL


def big_digits(value: str, scale: int = 1, gap: int = 2) -> list[str]:
    """value drawn in block letters, 5 * scale rows tall, gap font cells between letters."""
    rows = []
    for row in range(5):
        cells = (" " * gap).join(_FONT[ch][row] for ch in value if ch in _FONT)
        line = cells.replace("#", "█" * 2 * scale).replace(" ", " " * 2 * scale)
        rows.extend([line] * scale)
    return rows


def minutes_text(seconds: float) -> str:
    """A phase's length as a leader says it: 7 min, 7.5 min, or 3:20 min when stretched."""
    whole = round(seconds)
    if whole % 30 == 0:
        return f"{whole / 60:g} min"
    return f"{whole // 60}:{whole % 60:02d} min"


def status_text(view: View) -> str:
    """On time, or how late (or early) the session will end."""
    late = round(view.late / 60)
    if late >= 1:
        return f"{late} min late"
    if late <= -1:
        return f"{-late} min early"
    return "on time"


@dataclass
class Overlay:
    """What the controller puts over the screen: a panel, a question, or a passing note."""

    panel: str = ""  # "help", "rules" or "aids": over the screen until any key is pressed
    question: str = ""
    note: str = ""


@dataclass
class Look:
    """How the session is shown: words from the format and the demo extras."""

    format_name: str
    started: datetime  # wall time at session time 0
    bell: bool = True
    show_purpose: bool = False
    ground_rules: Sequence[str] = ()  # shown at the opening (a demonstration)
    rules: Sequence[str] = ()  # the format's ground rules, for `g`
    warning: str = ""  # a problem worth a line on the screen (the log cannot be written)
    badge: str = ""  # a word for the header, such as "demo at 30x"
    logged: bool = False  # whether the session is in a log, and so can be resumed
    leave_at: datetime | None = None  # when some must leave (--some-leave-at)


LEAVE_NOTICE = timedelta(minutes=5)  # how long before some must leave the screen says so


@dataclass
class SessionScreen:
    """The live screen for one moment of a session, laid out to fit the terminal."""

    view: View
    look: Look
    overlay: Overlay = field(default_factory=Overlay)

    @property
    def leaving(self) -> str:
        """'Some leave at 13:00', from five minutes before until that minute is over."""
        leave = self.look.leave_at
        if leave is None:
            return ""
        now = self.look.started + timedelta(seconds=self.view.session_elapsed)
        if not leave - LEAVE_NOTICE <= now < leave + timedelta(minutes=1):
            return ""
        return f"Some leave at {leave:%H:%M}"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        height = options.height or console.size.height
        for line in self.lines(width, height, console):
            # Text.render leaves out a line's own style when it has no spans: make it one.
            yield from Text().append(line).render(console)
            yield Segment.line()

    def lines(self, width: int, height: int, console: Console) -> list[Text]:
        """Exactly `height` lines, each at most `width` cells."""
        out = _layout(self._blocks(width, console), height)
        for line in out:
            line.no_wrap = True
            line.truncate(width, overflow="ellipsis")
        return out

    # -- the parts, in the order they appear ------------------------------------------------

    def _blocks(self, width: int, console: Console) -> list[_Block]:
        view = self.view
        look = STYLES[state(view)]
        blocks = [_Block("header", [self._header(width)])]
        # A panel (help, rules, aids) needs the room more than the big digits do.
        digits = ([] if self.overlay.panel else self._digits(width, look)) or [[]]
        blocks.append(_Block("digits", digits[0], gap=True, smaller=digits[1:]))
        time_line = self._time_line(look)
        if blocks[-1].body:  # under the big digits, centred like them
            time_line = Text(" " * max(0, (width - time_line.cell_len) // 2)) + time_line
        blocks.append(_Block("time", [time_line], gap=not blocks[-1].body))
        if self.look.warning:
            warning = Text("! " + inert(self.look.warning, one_line=True), style="bold yellow")
            blocks.append(_Block("warning", [warning]))
        if self.leaving:
            blocks.append(_Block("leaving", [Text(self.leaving, style="bold")]))
        panel = self.overlay.panel
        if panel:
            blocks.append(_Block("panel", self._panel(panel, width, console), gap=True, least=3))
        elif self.overlay.question:
            question = Text(self.overlay.question, style="bold reverse")
            blocks.append(_Block("question", [question], gap=True))
        else:
            prompt = self._wrapped(view.phase.prompt, width, console, "italic")
            blocks.append(_Block("prompt", prompt, gap=True, least=2))
            if self.look.show_purpose and view.phase.purpose:
                purpose = self._wrapped("Why: " + view.phase.purpose, width, console, "cyan")
                blocks.append(_Block("purpose", purpose, gap=True, least=1))
            if self.look.ground_rules and view.index == 0:
                rules = [Text("Ground rules", style="bold")]
                rules += self._rules(self.look.ground_rules, width, console)
                blocks.append(_Block("rules", rules, gap=True, least=2))
        if panel:  # a panel takes the place of the rest, even at 40x12
            blocks.append(_Block("keys", [self._keys(width)]))
            return blocks
        phase_bar = self._bar("Phase  ", view.phase_progress, width, look)
        blocks.append(_Block("progress", [phase_bar], gap=True))
        blocks.append(
            _Block("session", [self._bar("Session", view.session_progress, width, "bold")])
        )
        blocks.append(_Block("next", [self._next()], gap=True))
        blocks.append(_Block("end", [self._end()]))
        blocks.append(_Block("keys", [self._keys(width)]))
        return blocks

    def _header(self, width: int) -> Text:
        """The phase's title, and where the group is: in full, shorter, or as 8/12."""
        view = self.view
        title = Text(inert(view.phase.title, one_line=True), style="bold")
        badge = [self.look.badge] if self.look.badge else []
        case = [f"case {view.phase.case}"] if view.phase.case is not None and view.cases else []
        full = [f"{c} of {view.cases}" for c in case]
        at = f"{view.index + 1}/{view.count}"
        choices = [
            " · ".join([*badge, *full, f"phase {view.index + 1} of {view.count}"]),
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

    def _digits(self, width: int, look: str) -> list[list[Text]]:
        """The countdown in block letters, in each size that fits the width, largest first."""
        value = time_text(self.view)
        sizes: list[list[Text]] = []
        for scale, gap in ((2, 2), (1, 2), (1, 1)):
            rows = big_digits(value, scale, gap)
            if len(rows[0]) <= width and not any(len(rows) == len(s) for s in sizes):
                pad = (width - len(rows[0])) // 2
                sizes.append([Text(" " * pad + row, style=look) for row in rows])
        return sizes

    def _time_line(self, look: str) -> Text:
        view = self.view
        line = Text()
        if view.paused:
            line.append("PAUSED ", style="bold reverse")
            line.append(" ")
        if view.over:
            line.append(f"+{clock_text(view.remaining)} over", style=look)
        else:
            line.append(f"{clock_text(view.remaining)} left", style=look)
        line.append(f" of {minutes_text(view.allotted)}", style="dim")
        if view.paused:
            line.append(" · space to carry on", style="dim")
        return line

    def _wrapped(self, value: str, width: int, console: Console, style: str) -> list[Text]:
        if not value.strip():
            return []
        text = Text(" ".join(inert(value).split()), style=style)
        return list(text.wrap(console, max(width, 10)))

    def _panel(self, panel: str, width: int, console: Console) -> list[Text]:
        """What a panel shows: the keys, the ground rules, or this phase's aids."""
        if panel == "rules":
            return [
                Text("Ground rules", style="bold"),
                *self._rules(self.look.rules, width, console),
            ]
        if panel == "aids":
            phase = self.view.phase
            lines = [Text(inert(phase.title, one_line=True), style="bold")]
            if phase.purpose:
                lines += self._wrapped("Purpose: " + phase.purpose, width, console, "cyan")
            if phase.interventions:
                lines.append(Text("If it drifts, you might say:", style="bold"))
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
        if width >= 44:
            lines = []
            for key, what, _word in HELP:
                line = Text(f"{key:>6}  ", style="bold")
                line.append(what)
                lines.append(line)
            return lines
        cells = []
        for key, _what, word in HELP:
            cell = Text(
                f"{'^C' if key == 'Ctrl-C' else 'spc' if key == 'space' else key:>3} ", "bold"
            )
            cells.append(cell.append(word))
        half = (len(cells) + 1) // 2
        column = max(width // 2, 1)
        rows = []
        right_column = cells[half:] + [Text()] * (len(cells) % 2)
        for left, right in zip(cells[:half], right_column, strict=True):
            row = left.copy()
            row.append(" " * max(column - left.cell_len, 1))
            rows.append(row.append_text(right))
        return rows

    def _bar(self, label: str, fraction: float, width: int, look: str) -> Text:
        room = max(width - len(label) - 7, 4)
        done = round(fraction * room)
        line = Text(f"{label} ")
        line.append("━" * done, style=look)
        line.append("─" * (room - done), style="bright_black")
        line.append(f" {round(fraction * 100):3d}%", style="dim")
        return line

    def _next(self) -> Text:
        view = self.view
        if view.next_phase is None:
            return Text("Next: the end of the session", style="dim")
        line = Text("Next: ", style="dim")
        line.append(inert(view.next_phase.title, one_line=True))
        line.append(f" ({minutes_text(view.next_seconds)})", style="dim")
        return line

    def _end(self) -> Text:
        """When the session will end, in the same whole minutes as how late that is."""
        view = self.view
        late = round(view.late / 60)
        goal = self.look.started + timedelta(seconds=view.projected_end - view.late)
        end = _to_minute(goal) + timedelta(minutes=late)
        line = Text(f"Ends {end:%H:%M} · ")
        line.append(status_text(view), style="bold red" if late >= 1 else "green")
        return line

    def _keys(self, width: int) -> Text:
        if self.overlay.note:
            return Text(inert(self.overlay.note, one_line=True), style="bold")
        if self.overlay.question:
            return Text("y yes · any other key: no", style="dim")
        if self.overlay.panel:
            return Text("Any key closes this", style="bold")
        return Text(next((k for k in KEY_LINES if len(k) <= width), KEY_LINES[-1]), style="dim")


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


# The order in which parts claim rows; whatever does not fit is left out, from the end.
_PRIORITY = (
    "header",
    "time",
    "keys",
    "warning",
    "leaving",
    "end",
    "question",
    "panel",
    "next",
    "prompt",
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
