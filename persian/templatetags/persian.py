"""Template filters for Jalali dates and Persian digits: ``{% load persian %}``.

Every filter follows the Django convention of failing silently: a value it cannot
handle (an empty string from a blank form field, a wrong type) renders as "" instead
of breaking the page.  The language-dependent choice (Persian vs. English rendering)
lives in :mod:`persian.jalali`; here the active language is simply used.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from django import template
from django.utils.safestring import SafeData, mark_safe

from persian.digits import file_size, persian_digits_in_words, to_persian_digits
from persian.jalali import (
    format_date,
    format_datetime,
    format_numeric_localized,
    format_time,
    is_english,
)

register = template.Library()

# Markup that must keep its ASCII digits inside already-safe HTML: tags (<h2>,
# attributes) and character references (&#39;).
_MARKUP_RE = re.compile(r"(<[^>]*>|&#?\w+;)")


def _from_iso(value: str) -> datetime.date | datetime.datetime:
    """Stored records (JSON snapshots, API payloads) carry ISO 8601 strings."""
    if len(value) == 10:
        return datetime.date.fromisoformat(value)
    return datetime.datetime.fromisoformat(value)


def _silently(formatter: Callable[[Any], str], value: object) -> str:
    # Blank values are normal in templates (an optional date left empty).
    if value is None or value == "":
        return ""
    try:
        if isinstance(value, str):
            value = _from_iso(value)
        return formatter(value)
    except (TypeError, ValueError, AttributeError):
        return ""


@register.filter
def jdate(value: datetime.date | None) -> str:
    """``{{ meeting.date|jdate }}`` → "۸ اردیبهشت ۱۴۰۳" (English: "8 Ordibehesht 1403")."""
    return _silently(format_date, value)


@register.filter
def jdate_weekday(value: datetime.date | None) -> str:
    """``{{ meeting.date|jdate_weekday }}`` → "دوشنبه ۸ اردیبهشت ۱۴۰۳"."""
    return _silently(lambda v: format_date(v, with_weekday=True), value)


@register.filter(name="jdatetime")
def jdatetime_filter(value: datetime.datetime | None) -> str:
    """``{{ meeting.starts_at|jdatetime }}`` → "۸ اردیبهشت ۱۴۰۳، ساعت ۱۰:۳۰" (Tehran time)."""
    return _silently(format_datetime, value)


@register.filter
def jtime(value: datetime.time | datetime.datetime | None) -> str:
    """``{{ meeting.starts_at|jtime }}`` → "۱۰:۳۰" (Tehran time)."""
    return _silently(format_time, value)


@register.filter
def jdate_numeric(value: datetime.date | None) -> str:
    """``{{ meeting.date|jdate_numeric }}`` → "۱۴۰۳/۰۲/۰۸" (English: "1403/02/08")."""
    return _silently(format_numeric_localized, value)


# is_safe: turning digits into other digits cannot create "<", "&" or quotes, so a
# safe input stays safe and an unsafe one is still escaped by autoescape afterwards.
@register.filter(is_safe=True)
def fa_digits(value: object) -> object:
    """``{{ count|fa_digits }}`` → Persian digits; unchanged when the language is English."""
    if value is None:
        return ""
    if is_english():
        return value
    if isinstance(value, SafeData):
        # Already-escaped HTML: convert the text but not the markup, or <h2> and
        # &#39; would be corrupted into <h۲> and &#۳۹;.
        parts = _MARKUP_RE.split(str(value))
        # mark_safe is sound here: the input was already safe and only digits changed.
        return mark_safe(
            "".join(part if i % 2 else to_persian_digits(part) for i, part in enumerate(parts))
        )
    return to_persian_digits(value)


@register.filter(is_safe=True)
def fa_numbers(value: object) -> object:
    """``{{ cell|fa_numbers }}`` → Persian digits in the words that have no Latin letter
    (markup untouched): for the admin's cells and Django's messages, where a username such
    as «chair-5» or a document id sits beside numbers. Unchanged in English."""
    if value is None:
        return ""
    if is_english():
        return value
    if isinstance(value, SafeData):
        parts = _MARKUP_RE.split(str(value))
        # Markup apart, each text piece converted word by word; a word split by a tag
        # (rare) is judged piece by piece. mark_safe: only digits changed.
        return mark_safe(
            "".join(
                part if i % 2 else persian_digits_in_words(part) for i, part in enumerate(parts)
            )
        )
    return persian_digits_in_words(value)


@register.simple_tag
def jexample_date() -> str:
    """``{% jexample_date as example %}`` → today as «۱۴۰۵/۰۹/۱۰»: an example of a date in
    the current Jalali year for a help text (English: "1405/09/10")."""
    from django.utils import timezone

    return format_numeric_localized(timezone.localdate())


@register.filter
def fa_filesize(value: object) -> str:
    """``{{ size|fa_filesize }}`` → "۷۸٫۵ کیلوبایت" / "۱٫۲ مگابایت" (English: "78.5 KB")."""
    return file_size(value)
