"""A date is written with its year in four digits, in English and in German, whatever the
year: the attendance list of `sheet --sign-in --date 0001-01-01` said 1-01-01 (01.01.1)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from balint_cli.core.words import day_text
from balint_cli.i18n import use


@pytest.fixture
def language() -> Iterator[None]:
    yield
    use("en")


@pytest.mark.parametrize(
    "language_code, day, said",
    [
        ("en", date(2026, 3, 3), "2026-03-03"),
        ("en", date(1, 1, 1), "0001-01-01"),
        ("en", date(999, 12, 31), "0999-12-31"),
        ("de", date(2026, 3, 3), "03.03.2026"),
        ("de", date(1, 1, 1), "01.01.0001"),
    ],
)
def test_a_date_has_four_digits_of_year(
    language: None, language_code: str, day: date, said: str
) -> None:
    use(language_code)
    assert day_text(day) == said
