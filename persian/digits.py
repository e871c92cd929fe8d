"""Conversion between the three digit scripts a Persian user may type.

Persian (U+06F0–U+06F9) and Arabic-Indic (U+0660–U+0669) digits look almost the
same but are different code points; Arabic keyboards and many phones produce the
latter, so every input path has to accept both.
"""

from __future__ import annotations

import re

__all__ = [
    "ARABIC_INDIC_DIGITS",
    "ARABIC_INDIC_TO_PERSIAN",
    "LATIN_DIGITS",
    "PERSIAN_DIGITS",
    "file_size",
    "localized_digits",
    "persian_digits_in_words",
    "to_latin_digits",
    "to_persian_digits",
]

LATIN_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"

# str.translate tables are built once: translate() is a single C-level pass,
# far cheaper than chained str.replace calls in template loops.
_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, LATIN_DIGITS * 2)
# Arabic-Indic to Persian only: used where Latin digits must survive untouched.
ARABIC_INDIC_TO_PERSIAN = str.maketrans(ARABIC_INDIC_DIGITS, PERSIAN_DIGITS)


def to_persian_digits(value: object) -> str:
    """Return ``str(value)`` with Latin and Arabic-Indic digits written as Persian digits.

    Everything that is not a digit (separators, letters, signs) is left as it is.
    ``None`` becomes the empty string, so templates never print "None".
    """
    if value is None:
        return ""
    return str(value).translate(_TO_PERSIAN)


def to_latin_digits(value: str | None) -> str:
    """Return ``value`` with Persian and Arabic-Indic digits written as ASCII digits.

    ``None`` becomes the empty string, mirroring :func:`to_persian_digits`.
    """
    if value is None:
        return ""
    return str(value).translate(_TO_LATIN)


def localized_digits(value: object) -> str:
    """Persian digits for a Persian page, the value as it is for an English one.

    For text built in Python (messages, titles) that a template filter cannot reach."""
    from django.utils.translation import get_language

    if (get_language() or "").startswith("en"):
        return "" if value is None else str(value)
    return to_persian_digits(value)


_WORDS = re.compile(r"\S+")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def persian_digits_in_words(value: object) -> str:
    """``value`` with Persian digits in every word that has no Latin letter: «0 از 33» →
    «۰ از ۳۳», «حداکثر 300 نویسه» → «حداکثر ۳۰۰ نویسه», but «chair-5», «RASHT-WG2-1405-002»
    or an address keep theirs. For text a person reads whose numbers come from elsewhere
    (Django's admin, a username beside a count)."""
    if value is None:
        return ""
    return _WORDS.sub(
        lambda word: word[0] if _LATIN_LETTER.search(word[0]) else to_persian_digits(word[0]),
        str(value),
    )


def file_size(size: object) -> str:
    """A size in bytes as a person reads it: «۷۸٫۵ کیلوبایت», «۲۰ مگابایت» (English:
    "78.5 KB"); "" for a value that is not a size."""
    from django.utils.translation import get_language
    from django.utils.translation import gettext as _

    try:
        count = int(size)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return ""
    if count >= 1024 * 1024:
        amount, unit = count / (1024 * 1024), _("مگابایت")
    else:
        amount, unit = max(count, 1) / 1024, _("کیلوبایت")
    text = f"{amount:.1f}".rstrip("0").rstrip(".")
    if not (get_language() or "").startswith("en"):
        text = text.replace(".", "\u066b")  # the Persian decimal separator
    return f"{localized_digits(text)} {unit}"
