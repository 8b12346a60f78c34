"""What happens in a session, as the session, its log and its reports all speak of it.

Kept apart from the session itself so that reading logs needs no format machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# How a phase was left or the session ended.
COMPLETED, QUIT, INTERRUPTED = "completed", "quit", "interrupted"


@dataclass(frozen=True)
class Event:
    """Something that happened, at session time t."""

    kind: str
    t: float
    data: dict[str, Any] = field(default_factory=dict)
