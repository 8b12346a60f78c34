"""The certificate speaks config.toml's language on its own, not only after another sheet."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from support.helpers import sheet_page, write
from support.logfixtures import complete, fake_log
from support.pages import Sheet

AT = datetime(2026, 3, 3, 12, 30, tzinfo=UTC)


def test_a_certificate_alone_is_german_when_config_says_so(home: Path, tmp_path: Path) -> None:
    write(home / "config.toml", 'language = "de"\n')
    fake_log(home, "20260303-1230-0001", complete(AT, over=84 * 60, group="Dienstag"))
    page = sheet_page(tmp_path, "--certificate", "--group", "Dienstag", name="c.html")
    certificate = Sheet(page)
    assert '<html lang="de">' in page
    assert certificate.heading == "Teilnahmebescheinigung"
    assert certificate.rows("sessions") == [["1", "03.03.2026", "90", "2,0", "ja"]]
