"""Writing the files balint makes for the user (formats, handouts, exports) safely."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from balint_cli.errors import BadInput
from balint_cli.tomlfile import show_path


def write_atomic(path: Path, text: str, *, force: bool = True, mode: int = 0o644) -> None:
    """Write text to path all at once: a reader sees the old file or the new, never half.

    Without force an existing file is never replaced.
    """
    where = show_path(path)
    if path.is_dir():
        raise BadInput(f"{where} is a folder; give the path of a file to write.")
    if path.exists() and not force:
        raise BadInput(f"{where} already exists; use --force to replace it.")
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".balint-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as err:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise BadInput(f"{where} cannot be written: {err.strerror or err}.") from None
