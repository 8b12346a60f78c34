"""Output in an encoding without every letter: the stand-ins a reader meets."""

from __future__ import annotations

import io

from balint_cli.cli.encoding import keep_writing

# Each would have been read as a number the leader never saw written: 3, 10, 0, 38103, 13:15.


# What each command shows, written as each encoding can hold it: cp1252 has ö, – and „ but
# no box lines or bars; ASCII has none of them.


def test_the_stand_ins_are_what_a_reader_expects() -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    keep_writing(out)
    out.write("─━│┌█▓ · – „ja“ Größe ½ 中 é\n")
    out.flush()
    assert raw.getvalue() == b'-=|+#= - - "ja" Grosse .5 ?? e\n'
