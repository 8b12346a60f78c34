"""Ctrl-Z on the group's view in a terminal: the shell gets its own screen back while the view
is stopped, as it does from a live session, and the view takes its screen again on `fg`."""

from __future__ import annotations

import pytest
from support.ptyscreen import PtyScreen, balint_argv

ALT_ON, ALT_OFF = "\x1b[?1049h", "\x1b[?1049l"


@pytest.mark.pty
def test_ctrl_z_gives_the_shell_its_screen_and_fg_takes_it_again() -> None:
    view = PtyScreen(balint_argv("view"), 60, 20)
    try:
        view.wait_for(r"No session is running")
        drawn = len(view.raw)
        view.press("\x1a")  # a pty's program is stopped by nobody: it carries on as on `fg`
        view.wait_until(lambda: ALT_ON in view.raw[drawn:].decode(errors="replace"), "fg")
        after = view.raw[drawn:].decode("utf-8", errors="replace")
        assert ALT_OFF in after, "the shell would be left on the view's screen"
        assert after.index(ALT_OFF) < after.index(ALT_ON), "the view's screen taken again"
        view.wait_for(r"No session is running")
        view.press("q")
        assert view.wait_exit() == 0
    finally:
        view.close()
