"""Sessions led as balint leads them, in milliseconds: planned by the runner from the
command's request, driven by the session state machine on a fake clock that moves only when
told, and written by the log writer, as a real session's log is written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from balint_cli.core.events import QUIT, Event
from balint_cli.fs.paths import LOGS
from balint_cli.i18n import use
from balint_cli.live.prepare import prepare
from balint_cli.live.request import Request
from balint_cli.live.start import _start_event
from balint_cli.logbook.writing import LogWriter
from support.clock import FakeClock
from support.helpers import fail


def lead(
    home: Path,
    at: datetime,
    *,
    fmt: str = "90min",
    role: str = "lead",
    online: bool = False,
    supervised: bool = False,
    speed: float = 1.0,
    stop_after: float | None = None,
    debrief: float | None = None,
    group: str | None = None,
) -> Path:
    """One session begun at `at`, its log written in home's logs; the log's path.

    Each phase runs its time and the leader moves on, to the end; with `stop_after`, the
    leader quits that many seconds in (40: a false start). `speed` other than 1 is a practice
    run; `debrief` adds the co-leaders' debrief of that many minutes after the end, as the
    log records one.
    """
    request = Request(
        format_ref=fmt,
        speed=speed,
        group=group,
        setting="online" if online else "in-person",
        role=role,
        supervised=supervised,
    )
    prepared = prepare(request, at)
    use("en")  # the format chose its language for the session; the tests read English
    session, clock = prepared.session, FakeClock(speed=speed)
    events = list(prepared.first)
    while not session.ended:
        step = session.allotted()
        if stop_after is not None and clock.now() + step >= stop_after:
            clock.advance(stop_after - clock.now())
            events += session.finish(clock.now(), QUIT)
            break
        clock.advance(step)
        events += session.next(clock.now())
    if debrief is not None:
        events.append(Event("debrief", clock.now(), {"minutes": debrief}))
    writer = LogWriter.create(
        home / LOGS,
        at,
        lambda made: _walled(at, speed, _start_event(request, prepared, made, at)),
        fail,
    )
    writer.record_all([_walled(at, speed, event) for event in events])
    writer.close()
    return writer.path


def _walled(started: datetime, speed: float, event: Event) -> Event:
    """The event with the wall time a real session's clock would have given it."""
    at = started + timedelta(seconds=event.t / speed)
    return Event(event.kind, event.t, {**event.data, "at": at.isoformat(timespec="milliseconds")})


START = datetime(2024, 9, 3, 19, 0, tzinfo=UTC)


def progress_programme(home: Path) -> None:
    """Two and a half years of a leader's groups: most months two or three sessions, some
    co-led and debriefed, some supervised or online, two months missed, and none after
    2026-09."""
    for n in range(64):
        at = START + timedelta(days=12 * n)
        if at.strftime("%Y-%m") in ("2025-04", "2025-08"):
            continue
        co_led = n % 3 == 1
        lead(
            home,
            at,
            fmt=("90min", "60min", "45min")[n % 3],
            role="co-lead" if co_led else "lead",
            online=n % 5 == 0,
            supervised=n % 4 == 0,
            debrief=10 if co_led and n % 2 else None,
            group=("Tuesday GPs", "Registrars")[n % 2],
        )
