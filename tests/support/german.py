"""What German looks like to a test: the catalogue's words, English among German ones."""

from __future__ import annotations

import functools
import html
import importlib.util
import os
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from balint_cli import i18n
from balint_cli.formats.builtin import builtin_dir
from support.formats import builtin
from support.helpers import ROOT
from support.logfixtures import complete, fake_log

GERMAN_FORMATS = ("de-45min", "de-90min")


WORD = r"[A-Za-zÄÖÜäöüß]+"


def catalogue() -> dict[str, Any]:
    """The German catalogue's entries, read as tools/catalogue.py reads them."""
    spec = importlib.util.spec_from_file_location("catalogue_tool", ROOT / "tools" / "catalogue.py")
    assert spec is not None
    assert spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = tool  # a dataclass looks up its module
    spec.loader.exec_module(tool)
    po = i18n.LOCALE_DIR / "de" / "LC_MESSAGES" / "balint.po"
    entries: dict[str, Any] = tool.read_po(po.read_text(encoding="utf-8"))
    return entries


def prose(text: str) -> str:
    """The words of a message a reader reads as words: not its placeholders, commands,
    options or file names, which are the same in every language."""
    for code in (r"\{[^}]*\}", r"`[^`]*`", r"--?[a-z][a-z-]*", r"[\w.]+\.toml\b"):
        text = re.sub(code, " ", text)
    return text


@functools.cache
def english_words() -> frozenset[str]:
    """The words of four letters or more that only the English of the catalogue has: those of
    each message whose German differs, less every word its German messages use too (Phase,
    Name, Enter, balint)."""
    entries = catalogue().values()
    german = {
        word.lower()
        for e in entries
        for said in e.strings
        for word in re.findall(WORD, prose(said))
    }
    english = {
        word.lower()
        for e in entries
        if list(e.strings) != [e.msgid, *([e.plural] if e.plural else [])]
        for msgid in (e.msgid, e.plural or "")
        for word in re.findall(WORD, prose(msgid))
        if len(word) >= 4
    }
    return frozenset(english - german)


def english_in(text: str, *own: str) -> list[str]:
    """The English words in text, once the format's ids, names and paths (own) are taken out."""
    for words in sorted(own, key=len, reverse=True):
        text = text.replace(words, " ")
    found = re.findall(WORD, prose(text))
    return sorted({word for word in found if word.lower() in english_words()})


def own_words(name: str, home: Path | None = None) -> tuple[str, ...]:
    """What a format's output holds that is no word of balint's: its ids, name and paths."""
    fmt = builtin(name)
    paths = [str(builtin_dir() / f"{name}.toml"), str(builtin_dir())]
    if home is not None:
        paths += [str(home / "logs"), str(home)]
    return (*paths, name, *(phase.id for phase in fmt.phases))


def seen_text(page: str) -> str:
    """What a reader sees of a page: its text, not its markup, style or script."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]*>", " ", page))


def stopped_german(home: Path, minutes_ago: float = 20) -> Path:
    """A German session killed in its group phase, minutes ago."""
    at = datetime.now().astimezone() - timedelta(minutes=minutes_ago)
    lines = complete(at, format="de-45min", auto=False)[:4]
    for outline, title in zip(lines[0]["phases"], ("Fallvorstellung", "Gruppengespräch",
                                                   "Abschlussrunde"), strict=True):  # fmt: skip
        outline["title"] = title
    log = fake_log(home, f"{at:%Y%m%d-%H%M}-dead", lines)
    stopped = (at + timedelta(seconds=130)).timestamp()
    os.utime(log, (stopped, stopped))
    return log
