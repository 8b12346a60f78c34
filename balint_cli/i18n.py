"""The message catalogue: every word balint itself shows in a session, a view or a handout.

Words come from the standard library's gettext, so a language is one .po file in
`balint_cli/locale/<code>/LC_MESSAGES/balint.po` (compiled to balint.mo beside it). A
session speaks one language, chosen once (`use`) before anything is drawn: the format's
`language`, else `language` in config.toml, else the system's locale, else English. A
damaged catalogue is a note, and English.
"""

from __future__ import annotations

import functools
import gettext
import io
import locale
import os
import struct
from pathlib import Path

from balint_cli.cli import output
from balint_cli.fs.files import NotAFile, TooBig, read_capped

DOMAIN = "balint"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENGLISH = "en"
MAX_CATALOGUE = 4 * 1024 * 1024  # far more than every word of balint in any language

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = ENGLISH


def _(message: str) -> str:
    """message in the session's language."""
    return _current.gettext(message)


def N_(message: str) -> str:
    """message as it is, marked for the catalogue: translated later, where it is shown."""
    return message


def n_(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message, as n and the session's language need."""
    return _current.ngettext(singular, plural, n)


def decimal(number: str) -> str:
    """A number written with the language's decimal mark: 7.5, or in German 7,5."""
    whole, point, fraction = number.partition(".")
    if not point:
        return number
    return _("{whole}.{fraction}").format(whole=whole, fraction=fraction)


def is_yes(key: str) -> bool:
    """Whether a key answers a y/n question yes: y always, and the language's own word's
    first letter (German: j for "ja")."""
    return key == "y" or key in _current.gettext("y").split()


def language() -> str:
    """The language words are shown in now: "en", "de", ..."""
    return _language


def available() -> list[str]:
    """The languages balint can speak: English, and those with a catalogue."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return [ENGLISH, *(code for code in found if code != ENGLISH)]  # en has a catalogue too


def speaks(choice: str) -> bool:
    """Whether balint can speak the language a code such as "de" or "de_AT" names."""
    return _code(choice) in available()


def use(*choices: str | None) -> str:
    """Speak the first of choices that balint knows (then the system's locale, then English).

    Returns the language chosen.
    """
    global _current, _language
    for choice in (*choices, _system_language()):
        code = _code(choice)
        if code == ENGLISH:
            break
        if code and code in available():
            found = _catalogue(LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo")
            if found is None:  # damaged: English, as the note said
                break
            _current, _language = found, code
            return code
    _current, _language = gettext.NullTranslations(), ENGLISH
    return ENGLISH


@functools.cache  # read once a process: a view asks for its language again and again
def _catalogue(path: Path) -> gettext.GNUTranslations | None:
    """The catalogue at path, or None, after a note, when it cannot be used."""
    try:
        return _parsed(read_capped(path, MAX_CATALOGUE))
    except (NotAFile, TooBig) as err:
        why = f"is {err.strerror}"
    except _Damaged:
        why = "is damaged"
    except OSError as err:
        why = f"cannot be read: {err.strerror or err}"
    output.note(f"the catalogue {path} {why}; balint speaks English.")
    return None


class _Damaged(Exception):
    """A catalogue gettext cannot make sense of."""


def _parsed(data: bytes) -> gettext.GNUTranslations:
    """The catalogue in data, its plural rule tried on every count; _Damaged if it is none."""
    try:
        found = gettext.GNUTranslations(io.BytesIO(data))
        for n in range(1000):  # a plural rule that fails on a count would fail mid-session
            found.ngettext("", "", n)
    # What gettext raises on a damaged catalogue: too short (struct.error), a bad magic
    # number or offset (OSError), a bad header (LookupError, ValueError), words that are not
    # text (UnicodeDecodeError, a ValueError), a plural rule that divides by zero.
    except (OSError, struct.error, LookupError, ValueError, ArithmeticError) as err:
        raise _Damaged from err
    return found


def _code(choice: str | None) -> str:
    """The language of a code such as "de", "de_DE.UTF-8", "de-AT" or "German_Germany"."""
    if not choice:
        return ""
    code = choice.replace("-", "_").split("_")[0].split(".")[0].split("@")[0].lower()
    return _NAMES.get(code, code)


_NAMES = {"german": "de", "deutsch": "de", "english": "en"}  # as Windows names its locales


def _system_language() -> str:
    """The language of the user's locale ($LANGUAGE, $LC_ALL, $LC_MESSAGES, $LANG), if any.

    The first of them that is set decides, as for gettext; the C locale means English.
    Where none is set (Windows), the locale Python reads from the system.
    """
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").split(":")[0]
        if value:
            return "" if value.split(".")[0] in ("C", "POSIX") else value
    try:
        return locale.getlocale()[0] or ""
    except ValueError:
        return ""
