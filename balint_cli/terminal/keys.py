"""Key names from the text a terminal sends: the arrows and Page Up and Down by name, other
escape sequences, pasted text and a key held down dropped."""

from __future__ import annotations

import time
from collections.abc import Callable

_NAMES = {
    " ": "space",
    "\r": "enter",
    "\n": "enter",
    "\x1b": "escape",
    "\x7f": "backspace",
    "\x08": "backspace",
    "=": "+",
    "_": "-",
}
# The sequences named (they turn a panel's pages); every other one, a function key or a
# mouse report, is dropped. A terminal sends an arrow as CSI or as SS3, as its mode has it.
_SEQUENCES = {
    "[A": "up",
    "[B": "down",
    "[C": "right",
    "[D": "left",
    "OA": "up",
    "OB": "down",
    "OC": "right",
    "OD": "left",
    "[5~": "pageup",
    "[6~": "pagedown",
}
_PASTE_START, _PASTE_END = "\x1b[200~", "\x1b[201~"
_INTRODUCERS = "[O"  # after ESC: a CSI or SS3 sequence (arrow keys, function keys) follows
RESIZE = "resize"  # not a key: the terminal changed size, redraw now
ESCAPE_WAIT = 0.05  # seconds to wait for the rest of a sequence whose ESC came alone
# A key held down is sent again by the terminal, after a delay of a quarter to two thirds
# of a second as the system has it, then many times a second: one that comes again within
# this (counted from its last arrival) is the same press.
HELD_SECONDS = 0.7
# + and - are tapped as many times as there are minutes to add or take: a hand taps at most
# some six times a second, a terminal repeats a held key faster, so these wait less.
TAPPED_SECONDS = 0.15
_TAPPED = frozenset("+-")


class Keys:
    """Key names from what the terminal sends; pasted text and most escape sequences dropped.

    Text pasted into the session (a name, a sentence meant for another window) must never
    act as keys. The terminal marks a paste when it can (bracketed paste); a terminal that
    cannot sends it all at once, faster than anyone types: a read that holds more than one
    printable key is such a burst, and is dropped whole ("Nina" would skip two phases).

    An arrow key's ESC may arrive in one read and the rest in the next: the reader holds
    the ESC (`waiting`), asks for a little more, and only then takes it as the Escape key.

    A key held down acts once: the terminal repeats it, and `n` held for a second would skip
    every phase. + and - tapped fast act each time (held, once or twice). Digits are typed
    (11 is eleven), and Enter, Backspace, Escape and the arrows act as often as they come.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.pasting = False
        self._held = ""  # the start of an escape sequence, waiting for its end
        self._clock = clock
        self._last = ("", -HELD_SECONDS)  # the last key and when it came, held or not

    @property
    def waiting(self) -> bool:
        """Whether the last read ended inside an escape sequence."""
        return bool(self._held)

    def feed(self, data: bytes) -> list[str]:
        return self.feed_text(data.decode("utf-8", errors="replace"))

    def feed_text(self, text: str) -> list[str]:
        text, self._held = self._held + text, ""
        keys: list[str] = []
        i = 0
        while i < len(text):
            if self.pasting:
                end = text.find(_PASTE_END, i)
                if end < 0:  # keep what may be the start of the end marker, cut by the read
                    for n in range(min(len(_PASTE_END) - 1, len(text) - i), 0, -1):
                        if _PASTE_END.startswith(text[-n:]):
                            self._held = text[-n:]
                            break
                    return self._pressed(keys)
                self.pasting, i = False, end + len(_PASTE_END)
                continue
            if text.startswith(_PASTE_START, i):
                self.pasting, i = True, i + len(_PASTE_START)
                continue
            ch = text[i]
            if ch == "\x1b":
                after = _sequence_end(text, i)
                if after is None:  # the rest has not come yet
                    self._held = text[i:]
                    return self._pressed(keys)
                if after > i + 1:  # a whole sequence: an arrow, a function key, a mouse report
                    named = _SEQUENCES.get(text[i + 1 : after])
                    keys += [named] if named else []
                    i = after
                    continue
            keys.append(_NAMES.get(ch, ch.lower()))
            i += 1
        return self._pressed(keys)

    def flush(self) -> list[str]:
        """No more came: a held ESC was the Escape key itself."""
        held, self._held = self._held, ""
        return ["escape"] if held == "\x1b" and not self.pasting else []

    def _pressed(self, keys: list[str]) -> list[str]:
        """keys, less a paste and the repeats of a key held down."""
        pressed = []
        for key in _burst(keys):
            now = self._clock()
            last, at = self._last
            self._last = (key, now)
            held = TAPPED_SECONDS if key in _TAPPED else HELD_SECONDS
            if key != last or now - at >= held or not _once(key):
                pressed.append(key)
        return pressed


def _once(key: str) -> bool:
    """Whether a key acts once however long it is held: a letter, a sign or space."""
    return key == "space" or (len(key) == 1 and not "0" <= key <= "9")


def _sequence_end(text: str, i: int) -> int | None:
    """Where the escape sequence at i ends (i + 1 for a lone ESC key), None if cut short."""
    if i + 1 >= len(text):
        return None
    if text[i + 1] not in _INTRODUCERS:
        return i + 1  # ESC then something else: the Escape key, then that key
    j = i + 2
    while j < len(text) and not ("@" <= text[j] <= "~"):
        j += 1
    return None if j >= len(text) else j + 1


def _burst(keys: list[str]) -> list[str]:
    """keys, unless more than one is printable: then they were pasted, and none count."""
    printable = [key for key in keys if len(key) == 1 or key == "space"]
    return [] if len(printable) > 1 else keys
