"""A session ready to run, new from a format or carried on from its log, and where its log's
problems are told."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from balint_cli.core.events import Event
from balint_cli.core.session import Session
from balint_cli.formats.catalogue import Loaded
from balint_cli.i18n import _
from balint_cli.screen import Look
from balint_cli.terminal.console import live_screen


@dataclass
class Prepared:
    """A session ready to start: the format, its plan, the session and how to show it."""

    loaded: Loaded
    session: Session
    look: Look
    speed: float
    first: list[Event] = field(default_factory=list)  # what happens as it (re)starts
    end_at: str | None = None  # the end time it holds, as given (not one set aside)


def warner(look: Look) -> Callable[[str], None]:
    """Where a log problem is told: on the live screen, or on stderr without one."""

    def warn(message: str) -> None:
        look.warning = message
        if not live_screen():
            sys.stderr.write(_("Warning: ") + message + "\n")

    return warn
