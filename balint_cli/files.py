"""Writing the files balint makes for the user (formats, handouts, exports) safely."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from balint_cli.errors import BadInput
from balint_cli.tomlfile import show_path


def write_atomic(path: Path, text: str, *, force: bool = False, mode: int = 0o644) -> None:
    """Write text to path all at once: a reader sees the old file or the new, never half.

    Without force an existing file is never replaced. A link is followed (the file it points
    to is replaced, the link kept), and a pipe or device such as /dev/stdout is written to.
    """
    where = show_path(path)
    try:
        if path.is_dir():
            raise BadInput(f"{where} is a folder; give the path of a file to write.")
        if path.exists():
            if not stat.S_ISREG(path.stat().st_mode):
                with path.open("w", encoding="utf-8", newline="") as handle:
                    handle.write(text)
                return
            if not force:
                raise BadInput(f"{where} already exists; use --force to replace it.")
        _replace(Path(os.path.realpath(path)), text, mode)
    except OSError as err:
        raise BadInput(f"{where} cannot be written: {err.strerror or err}.") from None


def _replace(path: Path, text: str, mode: int) -> None:
    """Write a temporary file beside path, then rename it over path in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".balint-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
