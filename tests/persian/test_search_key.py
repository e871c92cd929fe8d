"""The search key a word-based full-text index reads: :func:`normalize` plus the pieces of
compound words (joined by the zero-width non-joiner or by punctuation)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from persian.text import ZWNJ, normalize, search_key, word_runs
from tests.persian.strategies import tricky_text

# Text with compound words: ZWNJ-joined, hyphenated, dotted, slashed.
compound_text = st.lists(
    st.one_of(
        tricky_text,
        st.sampled_from(["می‌شود", "KR-1405", "1405/02/08", "3.5", "-12", "a_b", "«شود»."]),
    ),
    max_size=8,
).map(" ".join)


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("kr-1405", ["kr", "1405"]),
        ("1405/02/08", ["1405", "02", "08"]),
        ("3.5", ["3", "5"]),
        ("a_b", ["a", "b"]),
        ("«میشود».", ["میشود"]),
        ("rasht-wg2-1405-002-r1", ["rasht", "wg2", "1405", "002", "r1"]),
        ("!&|", []),
        ("", []),
    ],
)
def test_word_runs_are_the_runs_of_letters_and_digits(text, runs):
    assert word_runs(text) == runs


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("طرح اجرا می‌شود", ["می", "شود"]),
        ("برنامه‌ریزی ترافیک", ["برنامه", "ریزی"]),
        ("نامه KR-1405 رسید", ["kr", "1405"]),
        ("در تاریخ ۱۴۰۵/۰۲/۰۸", ["1405", "02", "08"]),
        ("نرخ ۳.۵ درصد", ["3", "5"]),
        ("دمای -5 درجه", ["5"]),
        # Punctuation after a single word hides nothing: nothing is appended.
        ("اجرا شود. «طرح» (ویژه)، پایان", []),
        ("تصمیم جلسه", []),
    ],
)
def test_search_key_appends_the_pieces_of_compound_words(text, pieces):
    key = normalize(text)
    assert search_key(text) == " ".join([key, *pieces])


def test_search_key_appends_each_piece_once_and_never_an_existing_word():
    text = "می‌شود و می‌شود؛ شود KR-1405 kr"
    assert search_key(text) == f"{normalize(text)} 1405 می"


def test_search_key_of_nothing_is_empty():
    assert search_key(None) == ""
    assert search_key("") == ""
    assert search_key(f" {ZWNJ} ") == ""


@settings(deadline=None)
@given(compound_text)
def test_search_key_only_appends_substrings_of_the_folded_text(text):
    """So a substring search finds exactly the rows it found in ``normalize(text)``."""
    key = normalize(text)
    extended = search_key(text)
    assert extended.startswith(key)
    for piece in extended[len(key) :].split():
        assert piece in key
        assert word_runs(piece) == [piece]


@settings(deadline=None)
@given(compound_text)
def test_search_key_is_idempotent(text):
    once = search_key(text)
    assert search_key(once) == once
