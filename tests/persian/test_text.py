"""Search and display normalisation of Persian text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from persian.digits import ARABIC_INDIC_DIGITS, PERSIAN_DIGITS
from persian.text import INVISIBLE_CHARACTERS, ZWNJ, normalize, normalize_for_display
from tests.persian.strategies import tricky_text

# --- normalize (search key) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected_same_as"),
    [
        ("تصميم", "تصمیم"),  # Arabic yeh
        ("مصطفى", "مصطفی"),  # alef maksura
        ("كتاب", "کتاب"),  # Arabic kaf
        ("می\u200cشود", "میشود"),  # ZWNJ
        ("خانۀ", "خانه"),  # heh with yeh above
        ("مدرسة", "مدرسه"),  # teh marbuta
        ("أحمد", "احمد"),
        ("إسلام", "اسلام"),
        ("ٱلله", "الله"),
        ("مؤسسه", "موسسه"),
        ("کتـــاب", "کتاب"),  # tatweel
        ("کِتابٌ", "کتاب"),  # diacritics
        ("ﻛﺘﺎﺏ", "کتاب"),  # presentation forms
        ("\u200fکتاب\u200e", "کتاب"),  # bidi marks
        ("RADIO  Farda", "radio farda"),
        ("  جلسه \t\n عمومی  ", "جلسه عمومی"),
    ],
)
def test_normalize_folds_the_variants_people_type(typed, expected_same_as):
    assert normalize(typed) == normalize(expected_same_as)


def test_normalize_makes_digits_of_all_three_scripts_equal():
    assert normalize("۱۴۰۳") == normalize("١٤٠٣") == normalize("1403") == "1403"


def test_normalize_of_none_or_empty_is_empty():
    assert normalize(None) == ""
    assert normalize("") == ""
    assert normalize("\u200c \u200f ") == ""


def test_normalize_folds_the_arabic_keyboard_spelling_of_a_real_title():
    assert normalize("تصميم كميته رسانه‌اي") == normalize("تصمیم کمیته رسانه‌ای")


@settings(deadline=None)
@given(tricky_text)
def test_normalize_is_idempotent_for_any_text(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(deadline=None)
@given(tricky_text)
def test_normalize_leaves_no_variant_letters_invisibles_or_non_ascii_digits(text):
    result = normalize(text)
    forbidden = set("يىكۀةأإٱؤ\u0640") | INVISIBLE_CHARACTERS
    forbidden |= set(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS)
    assert not forbidden & set(result)
    assert result == result.strip()
    assert "  " not in result


# --- normalize_for_display --------------------------------------------------------------


def test_display_form_fixes_arabic_letters_and_digits_but_keeps_zwnj():
    assert normalize_for_display(" مي\u200cشود  ك ١٤٠٣ ") == "می\u200cشود ک ۱۴۰۳"


def test_display_form_collapses_duplicate_zwnj():
    assert normalize_for_display("می\u200c\u200c\u200cشود") == "می\u200cشود"


def test_display_form_removes_zwnj_next_to_a_space_or_at_the_ends():
    assert normalize_for_display("\u200cخانه\u200c ها\u200c") == "خانه ها"
    assert normalize_for_display("خانه \u200cها") == "خانه ها"


def test_display_form_leaves_latin_digits_and_letters_alone():
    assert normalize_for_display("Room 12") == "Room 12"


def test_display_form_of_none_is_empty():
    assert normalize_for_display(None) == ""


@settings(deadline=None)
@given(tricky_text)
def test_normalize_for_display_is_idempotent_for_any_text(text):
    once = normalize_for_display(text)
    assert normalize_for_display(once) == once


@settings(deadline=None)
@given(tricky_text)
def test_display_form_has_no_stray_zwnj_and_no_arabic_variants(text):
    result = normalize_for_display(text)
    assert ZWNJ * 2 not in result
    assert f"{ZWNJ} " not in result
    assert f" {ZWNJ}" not in result
    assert not result.startswith(ZWNJ)
    assert not result.endswith(ZWNJ)
    assert not set("يىك" + ARABIC_INDIC_DIGITS) & set(result)
