"""A key held down acts once: the terminal repeats it many times a second."""

from __future__ import annotations

import pytest

from balint_cli.terminal.keys import Keys


def _typed(presses: list[tuple[float, bytes]]) -> list[str]:
    """The keys read from what arrives at each real moment, one read each."""
    now = [0.0]
    keys = Keys(clock=lambda: now[0])
    said: list[str] = []
    for at, data in presses:
        now[0] = at
        said += keys.feed(data)
    return said


# As a terminal sends a key held down: at once, after its delay, then thirty times a second.
HELD = [0.0, 0.5, *(0.5 + i / 30 for i in range(1, 30))]


@pytest.mark.parametrize("key", [b"n", b"b", b" ", b"m", b"q", b"y"])
def test_a_key_held_down_acts_once(key: bytes) -> None:
    assert len(_typed([(at, key) for at in HELD])) == 1


def test_the_same_key_pressed_again_after_a_moment_acts_again() -> None:
    assert _typed([(0.0, b"n"), (0.8, b"n")]) == ["n", "n"]


def test_a_held_key_acts_again_only_once_it_was_let_go() -> None:
    held = [(at, b"n") for at in HELD]  # let go at 1.47 s
    assert _typed([*held, (2.5, b"n")]) == ["n", "n"]


def test_another_key_between_two_presses_lets_both_act() -> None:
    assert _typed([(0.0, b"n"), (0.1, b"b"), (0.2, b"n")]) == ["n", "b", "n"]


def test_digits_typed_fast_are_each_a_digit() -> None:
    assert _typed([(0.0, b"1"), (0.1, b"1")]) == ["1", "1"], "11 is eleven"


def test_backspace_and_arrows_act_as_often_as_they_come() -> None:
    assert _typed([(0.0, b"\x7f"), (0.05, b"\x7f")]) == ["backspace", "backspace"]
    assert _typed([(0.0, b"\x1b[B"), (0.05, b"\x1b[B")]) == ["down", "down"]


@pytest.mark.parametrize("key", [b"+", b"-"])
def test_plus_and_minus_tapped_fast_act_each_time(key: bytes) -> None:
    """Five minutes more, tapped as a hand taps: five times in a second."""
    assert len(_typed([(n * 0.2, key) for n in range(5)])) == 5


@pytest.mark.parametrize("key", [b"+", b"-"])
def test_plus_and_minus_held_down_act_once_or_twice(key: bytes) -> None:
    """Held: the press, and the first repeat after the terminal's delay; not thirty."""
    assert len(_typed([(at, key) for at in HELD])) == 2
