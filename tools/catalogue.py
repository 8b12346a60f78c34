"""Keep balint's message catalogues in step with the code.

    .venv/bin/python tools/catalogue.py          # gather the words, update every .po, compile .mo
    .venv/bin/python tools/catalogue.py --check  # exit 1 if any catalogue is out of date

The words are every string given to `_()` or `n_()` in balint_cli. Each language has
`balint_cli/locale/<code>/LC_MESSAGES/balint.po`, edited by a translator, and the
`balint.mo` compiled from it here (the standard library reads .mo; no msgfmt is needed).
English is a catalogue like the others, its words those of the code unless edited.
A word the code no longer uses is dropped; a new one is added, untranslated (empty), which
`--check` reports.

To add a language: create `balint_cli/locale/<code>/LC_MESSAGES/` and run this script;
translate every `msgstr` in the new balint.po; run it again.
"""

from __future__ import annotations

import argparse
import ast
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "balint_cli"
LOCALE = PACKAGE / "locale"
DOMAIN = "balint"
HEADER = (
    "Project-Id-Version: balint\n"
    "Language: {code}\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)


@dataclass
class Entry:
    """One message: its English words (and plural), where it is used, and its translation."""

    msgid: str
    plural: str | None = None
    places: list[str] = field(default_factory=list)
    strings: list[str] = field(default_factory=list)  # [msgstr] or [msgstr[0], msgstr[1]]

    @property
    def translated(self) -> bool:
        return bool(self.strings) and all(self.strings)


# -- gathering the words from the code ---------------------------------------------------------


def gather(package: Path = PACKAGE) -> dict[str, Entry]:
    """Every message in the code, in the order first met, keyed by its English words."""
    found: dict[str, Entry] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            words = [a.value for a in node.args if isinstance(a, ast.Constant)]
            texts = [w for w in words if isinstance(w, str)]
            if len(texts) != len(words):
                continue
            plural: str | None
            if node.func.id in ("_", "N_") and len(node.args) == 1 and len(texts) == 1:
                msgid, plural = texts[0], None
            elif node.func.id == "n_" and len(node.args) == 3 and len(texts) == 2:
                msgid, plural = texts[0], texts[1]
            else:
                continue
            entry = found.setdefault(msgid, Entry(msgid, plural))
            place = str(path.relative_to(package.parent).as_posix())
            if place not in entry.places:  # the file, not the line: moving code changes nothing
                entry.places.append(place)
    return found


# -- .po files ---------------------------------------------------------------------------------


def read_po(text: str) -> dict[str, Entry]:
    """The entries of a .po file (the header, msgid "", aside), keyed by msgid."""
    entries: dict[str, Entry] = {}
    current: dict[str, str] = {}
    key = ""

    def finish() -> None:
        if "msgid" in current and current["msgid"]:
            plural = current.get("msgid_plural")
            if plural is None:
                strings = [current.get("msgstr", "")]
            else:
                strings = [current.get("msgstr[0]", ""), current.get("msgstr[1]", "")]
            entries[current["msgid"]] = Entry(current["msgid"], plural, [], strings)
        current.clear()

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and current:
                finish()
            continue
        if line.startswith('"'):
            current[key] += _unquote(line, number)
            continue
        key, _space, rest = line.partition(" ")
        if key == "msgid" and current.get("msgid") is not None and "msgstr" in str(current):
            finish()
        current[key] = _unquote(rest, number)
    finish()
    return entries


def _unquote(value: str, number: int) -> str:
    if not (len(value) >= 2 and value[0] == value[-1] == '"'):
        raise ValueError(f"line {number}: a string in double quotes was expected")
    body = value[1:-1]
    out = []
    chars = iter(body)
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(nxt, nxt))
        else:
            out.append(char)
    return "".join(out)


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    if "\n" in escaped.rstrip("\n") or len(escaped) > 70:
        parts = escaped.replace("\n", "\\n\n").splitlines(keepends=False)
        return '""\n' + "\n".join(f'"{part}"' for part in parts if part)
    return '"' + escaped.replace("\n", "\\n") + '"'


def write_po(code: str, entries: list[Entry]) -> str:
    """A .po file's text: the header, then each entry with where the code uses it."""
    lines = [
        f"# balint's words in {code}.",
        "# Placeholders in braces ({clock}, {title}) stay as they are; keep the sense short.",
        'msgid ""',
        'msgstr ""',
        *(f'"{line}\\n"' for line in HEADER.format(code=code).splitlines()),
        "",
    ]
    for entry in entries:
        lines += [f"#: {place}" for place in entry.places[:3]]
        lines.append(f"msgid {_quote(entry.msgid)}")
        if entry.plural is None:
            lines.append(f"msgstr {_quote(entry.strings[0] if entry.strings else '')}")
        else:
            lines.append(f"msgid_plural {_quote(entry.plural)}")
            strings = entry.strings or ["", ""]
            lines += [f"msgstr[{i}] {_quote(s)}" for i, s in enumerate(strings)]
        lines.append("")
    return "\n".join(lines)


def merged(code: str, words: dict[str, Entry], old: dict[str, Entry]) -> list[Entry]:
    """The code's words with the translations a .po already has (English: the words)."""
    out = []
    for msgid, entry in words.items():
        known = old.get(msgid)
        strings = known.strings if known and known.plural == entry.plural else []
        if not any(strings) and code == "en":
            strings = [msgid] if entry.plural is None else [msgid, entry.plural]
        out.append(Entry(msgid, entry.plural, entry.places, strings))
    return out


# -- .mo files ---------------------------------------------------------------------------------


def compile_mo(code: str, entries: list[Entry]) -> bytes:
    """The GNU .mo that gettext reads: the translated entries, sorted, with the header."""
    pairs = {"": HEADER.format(code=code)}
    for entry in entries:
        if not entry.translated:
            continue
        key = entry.msgid if entry.plural is None else f"{entry.msgid}\0{entry.plural}"
        pairs[key] = "\0".join(entry.strings)
    keys = sorted(pairs, key=lambda k: k.encode("utf-8"))
    ids = [k.encode("utf-8") for k in keys]
    strs = [pairs[k].encode("utf-8") for k in keys]
    start = 7 * 4 + 16 * len(keys)
    offsets: list[int] = []
    blob = b""
    for data in ids + strs:
        offsets += [len(data), start + len(blob)]
        blob += data + b"\0"
    n = len(keys)
    head = struct.pack("Iiiiiii", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    return head + struct.pack(f"{4 * n}i", *offsets) + blob


# -- the whole job ----------------------------------------------------------------------------


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())


def wanted(code: str, words: dict[str, Entry]) -> tuple[str, bytes, list[Entry]]:
    """A language's .po text and .mo bytes as they should be, and its untranslated entries."""
    po = LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    old = read_po(po.read_text(encoding="utf-8")) if po.exists() else {}
    entries = merged(code, words, old)
    return write_po(code, entries), compile_mo(code, entries), [
        e for e in entries if not e.translated
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say what is out of date")
    args = parser.parse_args()
    words = gather()
    stale = 0
    for code in languages():
        folder = LOCALE / code / "LC_MESSAGES"
        po_text, mo_bytes, missing = wanted(code, words)
        files = ((folder / f"{DOMAIN}.po", po_text.encode()), (folder / f"{DOMAIN}.mo", mo_bytes))
        for path, data in files:
            if path.exists() and path.read_bytes() == data:
                continue
            stale += 1
            if args.check:
                print(f"{path.relative_to(ROOT)} is out of date")
            else:
                path.write_bytes(data)
                print(f"wrote {path.relative_to(ROOT)}")
        for entry in missing:
            print(f"{code}: not translated: {entry.msgid!r} ({entry.places[0]})")
        stale += len(missing) if args.check else 0
    sys.exit(1 if args.check and stale else 0)


if __name__ == "__main__":
    main()
