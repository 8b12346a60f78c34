"""How the live screen's parts share its rows (no I/O): by priority, the keys on the bottom row.

Each part is a `Block` of lines; when the terminal is small the least needed parts go first,
and a part with room to shrink (`least`) or smaller forms of itself (`smaller`) gives way
before it is left out.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.console import Console
from rich.text import Text

from balint_cli.core.text import inert


@dataclass
class Block:
    """A part of the screen: its lines, whether a blank line goes before it, how far it shrinks."""

    name: str
    body: list[Text]
    gap: bool = False
    least: int | None = None  # None: all of it or nothing
    smaller: list[list[Text]] = field(default_factory=list)  # other bodies, for less room


# The order in which parts claim rows; whatever does not fit is left out, from the end. The
# prompt's question comes before the bars and what is next: they give way first.
PRIORITY = (
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
    "notes",
    # The extras: they claim rows once the words above have had what they need.
    "progress",
    "session",
    "digits",
    "purpose",
)
_EXTRAS = PRIORITY.index("progress")


def claims(blocks: Sequence[Block], height: int) -> dict[str, int]:
    """How many rows each block that fits takes (each block's body becomes the form shown)."""
    named = {block.name: block for block in blocks if block.body}
    take: dict[str, int] = {}
    left = height
    for tier in (PRIORITY[:_EXTRAS], PRIORITY[_EXTRAS:]):
        for name in tier:
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
        for name in tier:  # then words may use the rows that are left
            block = named.get(name)
            if block is not None and name in take and block.least is not None:
                more = min(len(block.body) - take[name], left)
                take[name] += more
                left -= more
    return take


def layout(blocks: Sequence[Block], height: int) -> list[Text]:
    """The blocks that fit in height rows, in screen order, the keys on the bottom row."""
    take = claims(blocks, height)
    left = height - sum(take.values())
    out: list[Text] = []
    keys: list[Text] = []
    for block in blocks:
        if block.name not in take:
            continue
        if block.name == "keys":
            keys = [block.body[0]]
            continue
        if block.gap and out and left > 0:
            out.append(Text(""))
            left -= 1
        shown = [line.copy() for line in block.body[: take[block.name]]]
        if len(shown) < len(block.body):
            shown[-1].append(" …")
        out.extend(shown)
    return (out + [Text("")] * (height - len(out) - len(keys)) + keys)[:height]


_MEASURE = Console(width=400, file=io.StringIO(), color_system=None)


@functools.lru_cache(maxsize=256)
def wrap(value: str, width: int, style: str) -> tuple[Text, ...]:
    """value as lines of at most width cells (the same words are wrapped once, not a frame).

    The lines are shared: whoever changes one copies it first.
    """
    if not value.strip():
        return ()
    text = Text(" ".join(inert(value).split()), style=style)
    return tuple(text.wrap(_MEASURE, max(width, 10)))


def cut(lines: Sequence[Text], before: bool, after: bool) -> list[Text]:
    """lines with a mark where words were left out before or after them."""
    marked = [line.copy() for line in lines]
    if before:
        marked[0] = Text("… ").append_text(marked[0])
    if after:
        marked[-1].append(" …")
    return marked
