"""Digit-script conversion."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from persian.digits import (
    ARABIC_INDIC_DIGITS,
    LATIN_DIGITS,
    PERSIAN_DIGITS,
    to_latin_digits,
    to_persian_digits,
)

NON_PERSIAN_DIGIT_TEXT = st.text(
    alphabet=st.characters(exclude_characters=PERSIAN_DIGITS + ARABIC_INDIC_DIGITS)
)


def test_latin_digits_become_persian():
    assert to_persian_digits("1403/02/08") == "۱۴۰۳/۰۲/۰۸"


def test_arabic_indic_digits_become_persian():
    assert to_persian_digits("١٤٠٣") == "۱۴۰۳"


def test_integers_are_converted_through_str():
    assert to_persian_digits(1234) == "۱۲۳۴"
    assert to_persian_digits(-3.5) == "-۳.۵"


def test_none_becomes_the_empty_string():
    assert to_persian_digits(None) == ""
    assert to_latin_digits(None) == ""


def test_everything_but_digits_is_left_alone():
    assert to_persian_digits("جلسهٔ 12، ساعت ١٠") == "جلسهٔ ۱۲، ساعت ۱۰"


def test_persian_and_arabic_indic_digits_become_ascii():
    assert to_latin_digits("۱۴۰۳/٠٢/08") == "1403/02/08"


def test_the_digit_tables_line_up():
    for latin, persian, arabic in zip(
        LATIN_DIGITS, PERSIAN_DIGITS, ARABIC_INDIC_DIGITS, strict=True
    ):
        assert to_persian_digits(latin) == persian
        assert to_persian_digits(arabic) == persian
        assert to_latin_digits(persian) == latin
        assert to_latin_digits(arabic) == latin


@settings(deadline=None)
@given(NON_PERSIAN_DIGIT_TEXT)
def test_to_latin_undoes_to_persian_for_text_with_ascii_digits(text):
    assert to_latin_digits(to_persian_digits(text)) == text


@settings(deadline=None)
@given(st.text())
def test_to_persian_changes_only_digits_and_keeps_the_length(text):
    converted = to_persian_digits(text)
    assert len(converted) == len(text)
    for before, after in zip(text, converted, strict=True):
        if before in LATIN_DIGITS + ARABIC_INDIC_DIGITS:
            assert after in PERSIAN_DIGITS
        else:
            assert after == before


def test_localized_digits_follow_the_active_language():
    from django.utils import translation

    from persian.digits import localized_digits

    with translation.override("fa"):
        assert localized_digits("صفحه 2 از 10") == "صفحه ۲ از ۱۰"
    with translation.override("en"):
        assert localized_digits("Page 2 of 10") == "Page 2 of 10"
        assert localized_digits(None) == ""
