"""Every rule balint keeps, each said once: what it takes from a leader (a session's length,
speeds, roles, settings, labels, counts) and what its reports count (a session on time, a
case taken, a false start, a phase that ran over). Every command, the session, the logs and
every report go by these and by nothing else. Where two limits look alike but are two rules,
it says so beside them.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from typing import Literal, get_args

from balint_cli.core.text import control_chars, inert
from balint_cli.core.words import one_of
from balint_cli.errors import BadInput

# -- a session ----------------------------------------------------------------------------------

MAX_MINUTES = 8 * 60  # a session, and so a format, lasts at most 8 hours

# A session runs at real time; trials and demonstrations faster. Slower than a tenth of real
# time nobody needs, and it would make a session seem to stand still.
MIN_SPEED = 0.1
MAX_SPEED = 100_000.0


def check_speed(speed: float) -> float:
    """--speed as given, or BadInput."""
    if not math.isfinite(speed) or not MIN_SPEED <= speed <= MAX_SPEED:
        raise BadInput(f"--speed must be from {MIN_SPEED:g} to {MAX_SPEED:g} times real time.")
    return speed


# -- the leader and the group -------------------------------------------------------------------

Role = Literal["lead", "co-lead"]  # the first is the default
Setting = Literal["in-person", "online"]  # the first is the default
ROLES: tuple[Role, ...] = get_args(Role)
SETTINGS: tuple[Setting, ...] = get_args(Setting)
LEAD: Role = ROLES[0]
CO_LEAD: Role = ROLES[1]
IN_PERSON: Setting = SETTINGS[0]
ONLINE: Setting = SETTINGS[1]


def check_role(role: str) -> Role:
    """The leader's role, as given, or BadInput."""
    for known in ROLES:
        if role == known:
            return known
    shown = inert(role, one_line=True)
    raise BadInput(f"--role must be {one_of(ROLES)}, not '{shown}'.")


def setting(online: bool) -> Setting:
    """Where the group meets, as --online or --in-person says it."""
    return ONLINE if online else IN_PERSON


# How much of the time the group's view shows: about how many minutes (the default), none,
# or the countdown with its seconds and colours, for a trainer's demonstration.
GroupTime = Literal["minutes", "none", "clock"]  # the first is the default
GROUP_TIMES: tuple[GroupTime, ...] = get_args(GroupTime)
MINUTES, NO_TIME, CLOCK = GROUP_TIMES


def check_group_time(time: str) -> GroupTime:
    """The group view's --time as given, or BadInput."""
    for known in GROUP_TIMES:
        if time == known:
            return known
    shown = inert(time, one_line=True)[:40]
    raise BadInput(f"--time must be {MINUTES}, {NO_TIME} or {CLOCK}, not '{shown}'.")


# -- the co-leaders' debrief --------------------------------------------------------------------

# After a co-led session: ask the leaders whether to debrief, debrief at once, or never.
Debriefing = Literal["ask", "always", "never"]  # the first is the default
DEBRIEFINGS: tuple[Debriefing, ...] = get_args(Debriefing)
ASK, ALWAYS, NEVER = DEBRIEFINGS
DEBRIEF_MINUTES = 10  # how long a debrief is given, unless config.toml says
MAX_DEBRIEF_MINUTES = 60  # a short phase for two leaders: an hour at most
# A debrief counts once it has had a minute (or all its time, when it is given less): `y`
# pressed by mistake and taken back with `n` is no debrief held.
DEBRIEF_LEAST_SECONDS = 60.0


def debrief_held(seconds: float, given: float) -> bool:
    """Whether a debrief that ran this long, of the time it was given, was one held."""
    return seconds >= min(DEBRIEF_LEAST_SECONDS, given) - 1e-9


# A label a leader gives (--group, groups.toml, default_group) is at most MAX_LABEL characters.
# A log written elsewhere (by an older balint, or by hand) is read with one of up to
# LOGGED_LABEL before it is taken for damage: a looser rule for reading, on purpose.
MAX_LABEL = 40
LOGGED_LABEL = 100

# How many are enrolled in a group, and how many came, as a leader types them: two digits.
# A log written elsewhere is read with counts of up to LOGGED_COUNT before one is taken for
# damage: again a looser rule for reading, on purpose.
MAX_PEOPLE = 99
LOGGED_COUNT = 10_000


def check_label(label: str, what: str = "--group") -> str:
    """A group's label: a short label, never a list of names; BadInput if it is not one."""
    found = control_chars(label, allow_newlines=False)
    if found and 0xD800 <= ord(found[0]) <= 0xDFFF:  # bytes that are not UTF-8, escaped
        raise BadInput(f"{what} must be text in UTF-8; this label holds bytes that are not.")
    if found:
        raise BadInput(f"{what} must not contain control characters (found U+{ord(found[0]):04X}).")
    if not label.strip() or len(label) > MAX_LABEL:
        raise BadInput(
            f"{what} must be a short label of 1 to {MAX_LABEL} characters, like 'Tuesday GPs'."
        )
    return label


def check_attendees(attendees: int) -> int:
    """Attendance is a count: from none to MAX_PEOPLE."""
    if not 0 <= attendees <= MAX_PEOPLE:
        raise BadInput(f"--attendees must be a count from 0 to {MAX_PEOPLE}.")
    return attendees


def check_members(members: int) -> int:
    """How many are enrolled: from one to MAX_PEOPLE."""
    if not 1 <= members <= MAX_PEOPLE:
        raise BadInput(f"--members must be a count from 1 to {MAX_PEOPLE}.")
    return members


# Letters of other scripts that look exactly like Latin ones: a label typed with one of them
# ("Тue" with a Cyrillic Т) must not make a group of its own beside the one it looks like.
_LOOK_ALIKES = str.maketrans(
    "аbсԁеһіјӏոорԛѕтսԝхуАВЕНІЈКМОРЅТХΑΒΕΗΙΚΜΝΟΡΤΥΧανορτυχ",
    "abcdehijlnopqstuwxyABEHIJKMOPSTXABEHIKMNOPTYXavoptux",
)


@functools.lru_cache(maxsize=1024)  # a report asks it of every session; labels are few
def label_key(label: str) -> str:
    """What a group's label is compared by: the same for every label that looks the same.

    Accents typed in either Unicode form (NFC, NFD), full-width letters, case, and letters
    of other scripts that look Latin all compare equal.
    """
    folded = unicodedata.normalize("NFKC", label).casefold()
    return unicodedata.normalize("NFKC", folded.translate(_LOOK_ALIKES)).casefold().strip()


# -- what reports count -------------------------------------------------------------------------

# A session that ends within a minute of its plan ended on time; one that ended earlier is said
# to have ended so many minutes early (its phases skipped through with n, say), though no
# report's on-time count takes it for late.
ON_TIME_SECONDS = 60.0
# A case counts as taken when its phases had two minutes between them: passed over with `n`
# in seconds (nobody brought a second case), it was not.
CASE_TAKEN_SECONDS = 120.0
# A session whose own time was under two minutes was a false start (a first try of the
# command, a run stopped at once, a format skipped through with `n`), not a session led,
# however it ended; one resumed and carried on is as long as all of it.
FALSE_START_SECONDS = 120.0
# A phase ran over when it ran half a minute or more past the time it was given (after +/-
# and the end time's fitting); by how much is all of that time, actual less given.
OVER_SECONDS = 30.0
# German requirements count Balint work in units: Stunden of 45 minutes (the BÄK's 30 for
# Psychosomatische Grundversorgung, at least 15 of them in person) and, in the DBG's logbook,
# Doppelstunden of 90: two units that look alike, and are two rules. A report counts in the
# one asked for with --units; where balint speaks German, in both; else in neither (as the
# English reports always have).
SHORT_UNIT_MINUTES = 45
UNIT_MINUTES = 90
UNITS = {SHORT_UNIT_MINUTES: "Stunden", UNIT_MINUTES: "Doppelstunden"}
GERMAN = "de"


def check_units(asked: str | None, language: str) -> tuple[int, ...]:
    """The units a report counts in, by their minutes: --units as given, else German's
    both where balint speaks German; BadInput for another value."""
    if asked is None:
        return tuple(UNITS) if language == GERMAN else ()
    for size in UNITS:
        if asked.strip() == str(size):
            return (size,)
    shown = inert(asked, one_line=True)
    raise BadInput(f"--units must be {' or '.join(map(str, UNITS))}, not '{shown}'.")


def units(minutes: float, size: int) -> float:
    """Minutes of Balint work in units of size minutes: each session's minutes as it ran,
    added up, then divided, never rounded up to a whole unit a session at a time (a 90-minute
    session that ended 3 minutes early is 1.93 Stunden, not 2)."""
    return minutes / size


def is_false_start(seconds: float) -> bool:
    """Whether a session that ran this long (in session time) was a false start."""
    return seconds < FALSE_START_SECONDS


def overrun(allotted: float, actual: float) -> float:
    """How far a phase ran over, in seconds: actual less allotted, or 0 if it did not."""
    over = actual - allotted
    return over if over >= OVER_SECONDS else 0.0
