"""What a write killed halfway leaves beside a file, and what merely looks like it."""

from __future__ import annotations

import os
import time
from pathlib import Path

from support.helpers import write

HOUR = 3600.0


def aged(path: Path, seconds: float) -> Path:
    """path, last changed that many seconds ago (a link itself, not what it points to)."""
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def leftovers(folder: Path) -> dict[str, Path]:
    """What a kill might leave beside a file, and what merely looks like it."""
    other = write(folder.parent / "elsewhere.txt", "not balint's\n")
    stale = {
        "stale": write(folder / ".balint-k1ll3d_x.tmp", "half an export"),
        "fresh": write(folder / ".balint-wr1t1ngx.tmp", "another balint's write in progress"),
        "other name": write(folder / ".balint-notmine.tmp", "the user's own"),
        "longer name": write(folder / ".balint-k1ll3d_x.tmp.bak", "the user's own"),
        "other prefix": write(folder / ".other-k1ll3d_x.tmp", "another program's"),
    }
    (folder / ".balint-l1nkt0ot.tmp").symlink_to(other)
    stale["link"] = folder / ".balint-l1nkt0ot.tmp"
    for name, path in stale.items():
        aged(path, 5 * 60 if name == "fresh" else 2 * HOUR)
    return stale


def left(stale: dict[str, Path]) -> set[str]:
    """The names of the leftovers still there."""
    return {name for name, path in stale.items() if os.path.lexists(path)}
