"""Hypothesis strategies shared by the ``persian`` tests."""

from __future__ import annotations

import jdatetime
from hypothesis import assume
from hypothesis import strategies as st

from persian.digits import ARABIC_INDIC_DIGITS, PERSIAN_DIGITS

# Characters known to interact with one another in normalisation: Arabic letter
# variants, hamza forms, zero-width and bidi controls, tatweel, diacritics, the three
# digit scripts, odd spaces, Latin letters whose casefold/NFKC forms differ (İ ß ǰ ﬅ
# and the iota subscript) and Arabic presentation forms / ligatures.
TRICKY = (
    "يىكۀةأإٱؤئآیکهاوه"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff\u061c\u00ad\u2060"
    "\u0640\u064b\u064e\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u0301\u0345"
    + PERSIAN_DIGITS
    + ARABIC_INDIC_DIGITS
    + "0123456789 \t\n\u00a0\u2009\u3000"
    "İıßẞǰﬅﬁΣσςAa"
    "ﻙﻚﻱﻲﯾﮎﺓﷲﷺﻻ"
)

tricky_text = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0x200B, max_codepoint=0x206F),
        st.sampled_from(TRICKY),
    )
)


@st.composite
def jalali_parts(draw: st.DrawFn) -> tuple[int, int, int]:
    """(year, month, day) triples that jdatetime itself accepts as real dates."""
    year = draw(st.integers(min_value=jdatetime.MINYEAR, max_value=jdatetime.MAXYEAR))
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=31))
    try:
        jdatetime.date(year, month, day)
    except ValueError:
        assume(False)
    return year, month, day
