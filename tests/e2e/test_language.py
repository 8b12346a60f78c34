"""A German session in a real pseudo-terminal."""

from __future__ import annotations

import re

import pytest
from support.ptyscreen import PtyScreen, balint_argv

# The format's own words are Greek, so that any Latin letter left is one of balint's own.


@pytest.mark.pty
def test_a_german_session_in_a_real_terminal() -> None:
    term = PtyScreen(balint_argv("run", "de-45min", "--no-log"), 80, 24)
    try:
        term.wait_for(r"^ *noch 0[23]:\d\d von 3\sMin\.$")
        assert term.search(r"^Eröffnung +Phase\s1 von 7$"), term.text()
        assert term.search(r"^Als Nächstes: Fallvorstellung \(6\sMin\.\)$"), term.text()
        assert term.search(r"^Ende um \d\d:\d\d · pünktlich$"), term.text()
        assert term.bottom().startswith("Leertaste Pause · n/b · +/- · g Regeln"), term.bottom()
        term.press(" ")
        term.wait_for("PAUSE")
        term.press("q")
        term.wait_for(r"Sitzung jetzt beenden\? j/n")
        term.press("j")
        assert term.wait_exit() == 0
        out = term.raw.decode("utf-8", errors="replace")
        assert re.search(r"Sitzung um \d\d:\d\d nach [\d½]+\sMin\. vorzeitig beendet\.", out), out
    finally:
        term.close()
