"""Key names from the bytes a terminal sends; escape sequences and pasted text dropped."""

from __future__ import annotations

_NAMES = {" ": "space", "\r": "enter", "\n": "enter", "\x1b": "escape", "=": "+", "_": "-"}

_PASTE_START, _PASTE_END = "\x1b[200~", "\x1b[201~"
BURST = 4  # more keys than this in one read is pasted text, not a hand on the keyboard


class Keys:
    """Key names from what the terminal sends; escape sequences and pasted text are dropped.

    Text pasted into the session (a name, a sentence meant for another window) must never
    act as keys. The terminal marks a paste when it can (bracketed paste); a terminal that
    cannot sends it all at once, faster than anyone types, and that burst is dropped too.
    """

    def __init__(self) -> None:
        self.pasting = False

    def feed(self, data: bytes) -> list[str]:
        text = data.decode("utf-8", errors="replace")
        keys: list[str] = []
        i = 0
        while i < len(text):
            if self.pasting:
                end = text.find(_PASTE_END, i)
                if end < 0:
                    return keys
                self.pasting, i = False, end + len(_PASTE_END)
                continue
            if text.startswith(_PASTE_START, i):
                self.pasting, i = True, i + len(_PASTE_START)
                continue
            ch = text[i]
            if ch == "\x1b" and i + 1 < len(text) and text[i + 1] in "[O":
                i += 2
                while i < len(text) and not ("@" <= text[i] <= "~"):
                    i += 1
                i += 1
                continue
            keys.append(_NAMES.get(ch, ch.lower()))
            i += 1
        return keys if len(keys) <= BURST else []
