"""Write docs/reference.md from balint itself: every command's help, and every JSON shape.

    .venv/bin/python tools/reference.py          # write docs/reference.md
    .venv/bin/python tools/reference.py --check  # exit 1 if docs/reference.md is out of date

The help is what `python -m balint_cli ... --help` prints at 100 columns without colour,
for `balint` and every command and group its help lists, and theirs in turn. The JSON
shapes are read from real output over a small made-up shelf (tools/shelf.py), made in a
temporary folder: each key with every kind of value it took. A command that takes --json
with no sample on the shelf stops the run, naming it. The page comes out the same on every
run: a fixed width, no colour, no dates, the commands in the order the help lists them.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from shelf import ROOT, balint, env, samples, shape

REFERENCE = ROOT / "docs" / "reference.md"
REGENERATE = ".venv/bin/python tools/reference.py"

Words = tuple[str, ...]  # a command as typed after `balint`: () is balint itself


def _help(environ: dict[str, str], words: Words) -> str:
    lines = [line.rstrip() for line in balint(environ, *words, "--help").splitlines()]
    return "\n".join(lines).strip("\n")


def _commands(help_text: str) -> list[str]:
    """The commands a help lists, in its order.

    In Rich's panels a command's row starts with its name, where an option's starts with -
    and an argument's with spaces (so commands grouped in panels of their own are found
    too); in Click's plain help they are listed under "Commands:".
    """
    names: list[str] = []
    plain = False
    for line in help_text.splitlines():
        plain = line == "Commands:" or (plain and bool(line.strip()))
        found = re.match(r"  (\S+)" if plain else r"│ ([a-z][\w-]*) ", line)
        if found:
            names.append(found.group(1))
    return names


def _helps(environ: dict[str, str]) -> dict[Words, str]:
    """Every command's help, keyed by its words, read a level at a time, in parallel."""
    texts: dict[Words, str] = {}
    level: list[Words] = [()]
    with ThreadPoolExecutor(max_workers=4) as pool:
        while level:
            texts.update(
                zip(level, pool.map(lambda words: _help(environ, words), level), strict=True)
            )
            level = [words + (name,) for words in level for name in _commands(texts[words])]
    return texts


def _walk(texts: dict[Words, str], words: Words = ()) -> Iterator[Words]:
    """The commands in the order the help lists them, each group followed by its own."""
    yield words
    for name in _commands(texts[words]):
        yield from _walk(texts, words + (name,))


_INTRO = f"""\
# Command reference

<!-- Made by tools/reference.py from balint itself; change the commands, not this page. -->

Every command's help, as `balint ... --help` prints it at 100 columns, and the shape of
every JSON output. What the commands share (help, exit statuses, errors, numbers) is in
[Using the commands](commands.md); what the JSON fields mean is in [JSON output](json.md).
After changing a command, `{REGENERATE}` remakes this page.

## Commands
"""

_SHAPES = """\
## JSON output

Each shape is read from real output over a small made-up shelf of groups, formats and
sessions. A value shows every kind it took there: `string`, `number`, `boolean`, `null`,
an object `{...}`, or a list `[...]` with the shape of its items; `|` joins the kinds of a
value that took several, and a key marked `?` was missing from some objects. Fields may be
added, never renamed or removed.
"""


def page(texts: dict[Words, str], outputs: dict[str, list[Any]]) -> str:
    """The whole reference page, in Markdown."""
    order = list(_walk(texts))
    jsons = ", ".join(f"[{title.removeprefix('balint ')}](#{_slug(title)})" for title in outputs)
    lines = [_INTRO]
    lines += [f"- [{_title(words)}](#{_slug(_title(words))})" for words in order]
    lines += [f"- [JSON output](#json-output): {jsons}", ""]
    for words in order:
        lines += [f"### {_title(words)}", "", "```text", texts[words], "```", ""]
    lines.append(_SHAPES)
    for title, samples_of_it in outputs.items():
        lines += [f"### {title}", "", "```text", shape(samples_of_it), "```", ""]
    return "\n".join(lines)


def _title(words: Words) -> str:
    return " ".join(("balint", *words))


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, spaces as -, other punctuation gone."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def build() -> str:
    """Read the help and the JSON outputs from balint, in temporary homes, and make the page."""
    with tempfile.TemporaryDirectory(prefix="balint-reference-") as folder:
        with ThreadPoolExecutor(max_workers=1) as pool:  # the help, while the shelf is made
            helping = pool.submit(_helps, env(Path(folder) / "empty"))
            outputs = samples(Path(folder) / "home")
            texts = helping.result()
    wanted = {_title(words) + " --json" for words, text in texts.items() if "--json" in text}
    missing = sorted(wanted - set(outputs))
    if missing:
        sys.exit(f"tools/shelf.py has no sample of {', '.join(missing)}: add one to samples()")
    return page(texts, outputs)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the page is out of date")
    args = parser.parse_args()
    text = build()
    old = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
    if not args.check:
        REFERENCE.write_text(text, encoding="utf-8")
        print(f"wrote {REFERENCE.relative_to(ROOT)}")
    elif text != old:
        diff = difflib.unified_diff(old.splitlines(), text.splitlines(), "docs/reference.md",
                                    "as the commands are now", lineterm="")  # fmt: skip
        print("\n".join(list(diff)[:80]))
        sys.exit(f"docs/reference.md is out of date with the commands: run {REGENERATE}")


if __name__ == "__main__":
    main()
