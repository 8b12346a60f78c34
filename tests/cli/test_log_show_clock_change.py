"""`log show` gives a session's end as the wall clock showed it, on the night the clocks
change too: a session from 02:58 summer time, six minutes long, ended at 02:04 winter time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from support.helpers import balint
from support.logfixtures import complete, fake_log


@pytest.mark.usefixtures("berlin")
@pytest.mark.parametrize(
    "start, said",
    [
        ((2026, 10, 25, 2, 58), "Sun 25 Oct 2026, 02:58 to 02:04"),  # the clocks go back
        ((2027, 3, 28, 1, 58), "Sun 28 Mar 2027, 01:58 to 03:04"),  # the clocks go forward
        ((2026, 10, 24, 2, 58), "Sat 24 Oct 2026, 02:58 to 03:04"),  # a night like any other
    ],
)
def test_log_show_ends_the_session_by_the_wall_clock(
    home: Path, start: tuple[int, ...], said: str
) -> None:
    at = datetime(*start).astimezone()  # type: ignore[arg-type]
    fake_log(home, f"{at:%Y%m%d-%H%M}-night", complete(at))
    result = balint("log", "show", "last")
    assert result.exit_code == 0, result.output
    assert said in result.output, result.output
