"""Random format files for hypothesis: any value TOML holds, under the keys a format has."""

from __future__ import annotations

import string

from hypothesis import strategies as st

from balint_cli.core.format import FORMAT_FIELDS, PHASE_FIELDS

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


SCALARS = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    TEXT,
    st.dates(),
    st.sampled_from([0, 1, 0.5, 7, 480, 481, 2, "7", "", "facts", "Case facts"]),
)


VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(string.ascii_lowercase, min_size=1, max_size=8), inner, max_size=4),
    ),
    max_leaves=12,
)


KEYS = st.one_of(st.sampled_from(FORMAT_FIELDS), st.text(string.printable, min_size=1, max_size=8))


PHASE = st.dictionaries(st.one_of(st.sampled_from(PHASE_FIELDS), KEYS), VALUES, max_size=9)


DOCUMENTS = st.fixed_dictionaries(
    {"phases": st.lists(PHASE, max_size=4)},
    optional={key: VALUES for key in FORMAT_FIELDS if key != "phases"},
).flatmap(lambda doc: st.dictionaries(KEYS, VALUES, max_size=2).map(lambda extra: {**extra, **doc}))
