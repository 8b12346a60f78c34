"""What reports count, each rule said once: a session on time, a case taken, a false start,
and a phase that ran over. Every report (list, show, summary, export, portfolio, the HTML
report) and the index go by these and by nothing else.
"""

from __future__ import annotations

ON_TIME_SECONDS = 60.0  # a session that ends within a minute of its plan ended on time
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


def is_false_start(seconds: float) -> bool:
    """Whether a session that ran this long (in session time) was a false start."""
    return seconds < FALSE_START_SECONDS


def overrun(allotted: float, actual: float) -> float:
    """How far a phase ran over, in seconds: actual less allotted, or 0 if it did not."""
    over = actual - allotted
    return over if over >= OVER_SECONDS else 0.0
