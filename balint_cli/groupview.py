"""What the group sees (no I/O): the running session's phase, time and next step, large.

`words` turns what the session publishes (`publish.Shown`) into the few things a group
view says, in the session's language; `GroupScreen` lays them out in a terminal, and the
web page (webview.py) shows the same words. The leader's prompts, purposes and tips never
reach this module: the state it reads does not hold them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from balint_cli.core.faces import NORMAL, OVER, PAUSED, STYLES, WARN, big_digits
from balint_cli.core.text import inert
from balint_cli.core.words import clock_text, left_text, minutes_up
from balint_cli.i18n import _
from balint_cli.publish import Shown

IDLE = "idle"
_SCALES = (8, 7, 6, 5, 4, 3, 2, 1)


@dataclass(frozen=True, kw_only=True)
class Words:
    """What the group view says at one moment; everything but `state` is for reading."""

    running: bool
    title: str = ""
    case: str = ""
    big: str = ""  # the time in big digits ("12:34", or "12" when discreet); "" for none
    time: str = ""  # the time in words: "12:34 left", "12 min left", "Time is up"
    state: str = IDLE  # normal, warn, over, paused or idle: the colour, never the only sign
    for_group: str = ""
    next: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "running": self.running,
            "title": self.title,
            "case": self.case,
            "big": self.big,
            "time": self.time,
            "state": self.state,
            "for_group": self.for_group,
            "next": self.next,
            "idle": idle_text(),
        }


def idle_text() -> str:
    return _("No session is running")


def words(shown: Shown | None, now: float) -> Words:
    """What the view says of shown at now (a moment on the system's clock); idle if None."""
    if shown is None:
        return Words(running=False, time=idle_text())
    left = shown.left_at(now)
    title = inert(shown.title, one_line=True)
    case = _("Case {number}").format(number=shown.case) if shown.case else ""
    if left <= 0 and not shown.paused:
        big, time, state = "", _("Time is up"), OVER
    else:
        big = str(minutes_up(left)) if shown.discreet and left > 60 else clock_text(left)
        time, state = left_text(left, shown.discreet), NORMAL
    if state == NORMAL and shown.warn_seconds and 0 < left <= shown.warn_seconds:
        state = WARN
        if not shown.moves_on:
            time = _("{time} · nearly time").format(time=time)
    if shown.paused:
        state, time = PAUSED, _("PAUSED · {time}").format(time=time)
    if shown.next_title is None:
        nxt = _("Next: the end of the session")
    else:
        following = inert(shown.next_title, one_line=True)
        if shown.next_case:
            following = _("{title} (case {number})").format(title=following, number=shown.next_case)
        nxt = _("Next: {title}").format(title=following)
    return Words(
        running=True,
        title=title,
        case=case,
        big=big,
        time=time,
        state=state,
        for_group=inert(shown.for_group),
        next=nxt,
    )


@dataclass
class GroupScreen:
    """The group view in a terminal: centred, the time as large as the room allows."""

    said: Words

    def lines(self, width: int, height: int, console: Console) -> list[Text]:
        """Exactly height lines of at most width cells, the hint on the last."""
        said = self.said
        style = STYLES.get(said.state, "bold")
        hint = Text(_("q leaves the view"), style="dim")
        if not said.running:
            body = [Text(said.time, style="bold")]
            body += self._wrapped(_("The view follows the session as soon as one starts."),
                                  width, console, "")  # fmt: skip
            return self._fit([body], width, height, hint)
        head = Text(said.title, style="bold")
        if said.case:
            head.append("  ·  " + said.case)
        time = Text(said.time, style=style)
        for_group = self._wrapped(said.for_group, width, console, "")
        parts = [[head], [time], for_group, [Text(said.next, style="dim")]]
        room = height - 1 - sum(len(p) for p in parts) - len(parts)  # a blank line between
        digits = self._digits(said.big, width, room, style)
        if digits:
            parts.insert(1, digits)
        return self._fit(parts, width, height, hint)

    @staticmethod
    def _digits(value: str, width: int, room: int, style: str) -> list[Text]:
        if not value:
            return []
        for scale in _SCALES:
            rows = big_digits(value, scale)
            if len(rows) + 1 <= room and len(rows[0]) <= width:
                return [Text(row, style=style) for row in rows]
        return []

    @staticmethod
    def _wrapped(value: str, width: int, console: Console, style: str) -> list[Text]:
        if not value.strip():
            return []
        text = Text(" ".join(value.split()), style=style)
        return list(text.wrap(console, max(10, min(width, 72))))

    @staticmethod
    def _fit(parts: list[list[Text]], width: int, height: int, hint: Text) -> list[Text]:
        """The parts centred, a blank line between them, dropped from the end if need be."""
        body: list[Text] = []
        for part in parts:
            if not part:
                continue
            extra = 1 if body else 0
            if len(body) + extra + len(part) > height - 1:
                room = height - 1 - len(body) - extra
                if room <= 0:
                    break
                part = part[:room]
            body += [Text("")] * extra + part
        top = max(0, (height - 1 - len(body)) // 2)
        out = [Text("")] * top + [_centred(line, width) for line in body]
        out += [Text("")] * (height - 1 - len(out))
        hint.truncate(width, overflow="ellipsis")
        return [*out[: height - 1], hint][:height]


def _centred(line: Text, width: int) -> Text:
    line = line.copy()
    line.truncate(width, overflow="ellipsis")
    pad = max(0, (width - line.cell_len) // 2)
    return Text(" " * pad) + line if pad else line
