"""The Jalali (Solar Hijri) calendar: conversion, parsing and formatting.

Conversion is delegated to jdatetime; everything that produces text is built here
from the numeric parts.  jdatetime's own ``strftime`` depends on a per-thread module
locale and on the process C locale, so the same call could print Persian in one
request and English in another; building the strings ourselves keeps the output a
pure function of the arguments.

All wall-clock reasoning happens in Asia/Tehran, explicitly, rather than in the
active Django time zone: a date printed on the minutes of a meeting must not change
with whoever happens to be viewing the page.

Rendering language: every formatter takes ``lang`` (``None`` means the active Django
language).  English ("en", "en-us", …) gets a transliterated Jalali form with Latin
digits ("8 Ordibehesht 1403"); every other language gets the Persian form.  The
calendar words (month and weekday names, "ساعت") are calendar data picked by ``lang``,
not gettext messages: running them through gettext would tie the output to the active
translation and to compiled catalogues instead of to the ``lang`` argument.  Error
messages, on the other hand, are ordinary gettext messages with Persian msgids.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import TypeAlias, overload
from zoneinfo import ZoneInfo

import jdatetime
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from persian.digits import to_latin_digits, to_persian_digits
from persian.text import remove_invisible

__all__ = [
    "DATE_CEILING",
    "DATE_FLOOR",
    "MONTH_NAMES",
    "MONTH_NAMES_LATIN",
    "TEHRAN",
    "WEEKDAY_NAMES",
    "WEEKDAY_NAMES_LATIN",
    "JalaliDateError",
    "JalaliParseError",
    "JalaliTimeError",
    "days_in_month",
    "format_date",
    "format_datetime",
    "format_numeric",
    "format_numeric_latin",
    "format_numeric_localized",
    "format_time",
    "from_jalali",
    "is_english",
    "is_leap",
    "jalali_year",
    "parse_jalali_date",
    "parse_time",
    "tehran_localtime",
    "to_jalali",
]

TEHRAN = ZoneInfo("Asia/Tehran")

# The dates a form or the API accepts (1368 to 1478 in the Jalali calendar): anything
# outside is a typo, and jdatetime's range ends much further.
DATE_FLOOR = datetime.date(1990, 1, 1)
DATE_CEILING = datetime.date(2100, 1, 1)

MONTH_NAMES: tuple[str, ...] = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)

MONTH_NAMES_LATIN: tuple[str, ...] = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)

# Saturday first, matching jdatetime.date.weekday() (0 = شنبه).  Spelling follows the
# Academy of Persian Language (یکشنبه, پنجشنبه joined; سه‌شنبه with a ZWNJ), which
# differs slightly from jdatetime's own list.
WEEKDAY_NAMES: tuple[str, ...] = (
    "شنبه",
    "یکشنبه",
    "دوشنبه",
    "سه\u200cشنبه",
    "چهارشنبه",
    "پنجشنبه",
    "جمعه",
)

WEEKDAY_NAMES_LATIN: tuple[str, ...] = (
    "Saturday",
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
)

# jdatetime accepts exactly this year range; outside it the conversion raises.
_MIN_YEAR = jdatetime.MINYEAR
_MAX_YEAR = jdatetime.MAXYEAR

# Applied to text that has already been reduced to ASCII digits.  re.ASCII keeps \d
# and \s from matching other scripts' digits and exotic spaces.  The separator must
# be the same twice (\2): "1403/02-08" is more likely a typo than a date.
_DATE_RE = re.compile(r"(\d{4})\s*([/\-.\u066b])\s*(\d{1,2})\s*\2\s*(\d{1,2})", re.ASCII)
_TIME_RE = re.compile(r"(\d{1,2})\s*:\s*(\d{1,2})", re.ASCII)


class JalaliParseError(ValueError):
    """A user-typed date or time could not be understood.

    ``str(error)`` is a complete sentence for the user, in the active language
    (Persian by default).  ``code`` tells callers which kind of problem it was, so
    forms can pass it on to ``ValidationError``.
    """

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


class JalaliDateError(JalaliParseError):
    """Raised by :func:`parse_jalali_date`; ``code`` is "invalid_format" or "invalid_date"."""


class JalaliTimeError(JalaliParseError):
    """Raised by :func:`parse_time`; ``code`` is "invalid_format" or "invalid_time"."""


# --- language ---------------------------------------------------------------------------


def is_english(lang: str | None = None) -> bool:
    """Whether ``lang`` (default: the active Django language) asks for the English form."""
    if lang is None:
        lang = get_language()
    return bool(lang) and lang.lower().startswith("en")


def _digits(text: str, english: bool) -> str:
    return text if english else to_persian_digits(text)


# --- conversion ---------------------------------------------------------------------------


def tehran_localtime(value: datetime.datetime) -> datetime.datetime:
    """Return ``value`` as Tehran wall-clock time.

    Aware values are converted to Asia/Tehran explicitly (not to the active time zone,
    which depends on the request); naive values are returned unchanged because they
    are Tehran wall time by convention.
    """
    if timezone.is_aware(value):
        return timezone.localtime(value, TEHRAN)
    return value


@overload
def to_jalali(value: datetime.datetime) -> jdatetime.datetime: ...
@overload
def to_jalali(value: datetime.date) -> jdatetime.date: ...
def to_jalali(value: datetime.date | datetime.datetime) -> jdatetime.date | jdatetime.datetime:
    """Convert a Gregorian date or datetime to its Jalali counterpart.

    Aware datetimes are first converted to Asia/Tehran (the result keeps that tzinfo);
    naive datetimes are taken as Tehran wall time.  Dates outside jdatetime's range
    (before 622-03-21 or from 9999-03-21 on) raise ``ValueError``.
    """
    # datetime is a subclass of date, so it has to be tested first.
    if isinstance(value, datetime.datetime):
        return jdatetime.datetime.fromgregorian(datetime=tehran_localtime(value))
    if isinstance(value, datetime.date):
        return jdatetime.date.fromgregorian(date=value)
    raise TypeError(f"to_jalali() expects a date or datetime, not {type(value).__name__}")


def from_jalali(year: int, month: int, day: int) -> datetime.date:
    """Return the Gregorian date of Jalali ``year/month/day``.

    Raises ``ValueError`` for dates that do not exist (month 13, 31 Mehr, 30 Esfand of
    a common year, year outside 1..9377).
    """
    return jdatetime.date(year, month, day).togregorian()


def is_leap(year: int) -> bool:
    """Whether Jalali ``year`` has 366 days (30 Esfand), per jdatetime's 33-year rule."""
    return jdatetime.date(year, 1, 1).isleap()


def days_in_month(year: int, month: int) -> int:
    """Number of days in Jalali ``month`` of ``year`` (31 / 30 / 29 or 30 for Esfand)."""
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap(year) else 29


def _jalali_date(value: datetime.date | jdatetime.date) -> jdatetime.date:
    """The Jalali calendar day of ``value``, seen from Tehran."""
    if isinstance(value, jdatetime.date):
        if isinstance(value, jdatetime.datetime) and value.tzinfo is not None:
            # An aware jdatetime may carry any zone; go through Gregorian to re-zone it.
            return to_jalali(value.togregorian())
        return value
    return to_jalali(value)


def jalali_year(value: datetime.date | datetime.datetime) -> int:
    """The Jalali year of ``value`` (aware datetimes seen from Tehran)."""
    return _jalali_date(value).year


# --- formatting ---------------------------------------------------------------------------

_Formattable: TypeAlias = datetime.date | jdatetime.date


def _weekday(jdate: jdatetime.date) -> int:
    # From the Gregorian weekday (Monday = 0) to the Jalali one (Saturday = 0).
    return (jdate.togregorian().weekday() + 2) % 7


def format_date(
    value: _Formattable | None, *, with_weekday: bool = False, lang: str | None = None
) -> str:
    """Format as "۸ اردیبهشت ۱۴۰۳" (or "دوشنبه ۸ اردیبهشت ۱۴۰۳" with the weekday).

    In English: "8 Ordibehesht 1403" / "Monday, 8 Ordibehesht 1403".  ``None`` gives "".
    """
    if value is None:
        return ""
    english = is_english(lang)
    jdate = _jalali_date(value)
    months = MONTH_NAMES_LATIN if english else MONTH_NAMES
    text = f"{jdate.day} {months[jdate.month - 1]} {jdate.year}"
    if with_weekday:
        if english:
            text = f"{WEEKDAY_NAMES_LATIN[_weekday(jdate)]}, {text}"
        else:
            text = f"{WEEKDAY_NAMES[_weekday(jdate)]} {text}"
    return _digits(text, english)


def format_time(value: datetime.time | datetime.datetime | None, *, lang: str | None = None) -> str:
    """Format the time of day as "۱۰:۳۰" (24-hour, Tehran time for aware datetimes)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = tehran_localtime(value)
    return _digits(f"{value.hour:02d}:{value.minute:02d}", is_english(lang))


def format_datetime(value: _Formattable | None, *, lang: str | None = None) -> str:
    """Format as "۸ اردیبهشت ۱۴۰۳، ساعت ۱۰:۳۰" in Tehran time.

    In English: "8 Ordibehesht 1403, 10:30".  A plain date is formatted like
    :func:`format_date`; ``None`` gives "".
    """
    if value is None:
        return ""
    if isinstance(value, jdatetime.datetime):
        value = value.togregorian()
    if not isinstance(value, datetime.datetime):
        return format_date(value, lang=lang)
    value = tehran_localtime(value)
    date_text = format_date(value, lang=lang)
    time_text = format_time(value, lang=lang)
    if is_english(lang):
        return f"{date_text}, {time_text}"
    return f"{date_text}، ساعت {time_text}"


def format_numeric_latin(value: _Formattable | None) -> str:
    """Format as "1403/02/08": zero padded, Latin digits (English UI, machine contexts)."""
    if value is None:
        return ""
    jdate = _jalali_date(value)
    # The year is padded to four digits too, so that parse_jalali_date (which insists
    # on four) reads back anything this prints.
    return f"{jdate.year:04d}/{jdate.month:02d}/{jdate.day:02d}"


def format_numeric(value: _Formattable | None) -> str:
    """Format as "۱۴۰۳/۰۲/۰۸": zero padded, Persian digits (the value of date inputs)."""
    return to_persian_digits(format_numeric_latin(value))


def format_numeric_localized(value: _Formattable | None, *, lang: str | None = None) -> str:
    """:func:`format_numeric_latin` for English, :func:`format_numeric` otherwise."""
    if is_english(lang):
        return format_numeric_latin(value)
    return format_numeric(value)


# --- parsing ------------------------------------------------------------------------------


def _clean_input(text: object) -> str:
    # NFKC folds full-width digits and odd spaces; invisible marks are dropped because
    # text copied from RTL documents routinely wraps numbers in LRM/RLM.
    cleaned = unicodedata.normalize("NFKC", str(text))
    return to_latin_digits(remove_invisible(cleaned)).strip()


def parse_jalali_date(text: str) -> datetime.date:
    """Parse a Jalali date typed by a person and return the Gregorian ``date``.

    Accepts year/month/day with a four-digit year, separated by "/", "-", "." or "٫"
    (the same separator twice), in Persian, Arabic-Indic or Latin digits, possibly
    mixed, with surrounding spaces: "۱۴۰۳/۰۲/۰۸", "1403/2/8", "١٤٠٣-٠٢-٠٨".

    Raises :class:`JalaliDateError` with ``code`` "invalid_format" when the text is
    not shaped like a date, and "invalid_date" when it is but no such day exists.
    """
    english = is_english()
    match = _DATE_RE.fullmatch(_clean_input(text)) if text is not None else None
    if match is None:
        # The example is today (Tehran), so it always shows the current Jalali year.
        today = datetime.datetime.now(TEHRAN).date()
        raise JalaliDateError(
            _("تاریخ را به شکل سال/ماه/روز وارد کنید، مانند %(example)s.")
            % {"example": format_numeric_localized(today)},
            "invalid_format",
        )
    year, month, day = int(match[1]), int(match[3]), int(match[4])

    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise JalaliDateError(
            _("سال %(year)s پذیرفته نیست؛ سال باید از %(min)s تا %(max)s باشد.")
            % {
                "year": _digits(f"{year:04d}", english),
                "min": _digits(str(_MIN_YEAR), english),
                "max": _digits(str(_MAX_YEAR), english),
            },
            "invalid_date",
        )
    if not 1 <= month <= 12:
        raise JalaliDateError(
            _("ماه %(month)s وجود ندارد؛ ماه باید عددی از ۱ تا ۱۲ باشد.")
            % {"month": _digits(str(month), english)},
            "invalid_date",
        )
    length = days_in_month(year, month)
    if not 1 <= day <= length:
        months = MONTH_NAMES_LATIN if english else MONTH_NAMES
        raise JalaliDateError(
            _("تاریخ %(date)s وجود ندارد؛ %(month)s %(year)s %(days)s روز دارد.")
            % {
                "date": _digits(f"{year:04d}/{month:02d}/{day:02d}", english),
                "month": months[month - 1],
                "year": _digits(str(year), english),
                "days": _digits(str(length), english),
            },
            "invalid_date",
        )
    return from_jalali(year, month, day)


def parse_time(text: str) -> datetime.time:
    """Parse a 24-hour time of day such as "10:30", "۱۰:۳۰" or "٩:٥" (= 09:05).

    Raises :class:`JalaliTimeError` with ``code`` "invalid_format" or "invalid_time".
    """
    match = _TIME_RE.fullmatch(_clean_input(text)) if text is not None else None
    if match is None:
        raise JalaliTimeError(str(_("ساعت را به شکل ۱۰:۳۰ وارد کنید.")), "invalid_format")
    hour, minute = int(match[1]), int(match[2])
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise JalaliTimeError(
            _("ساعت %(time)s وجود ندارد؛ ساعت باید از ۰۰:۰۰ تا ۲۳:۵۹ باشد.")
            % {"time": _digits(f"{hour:02d}:{minute:02d}", is_english())},
            "invalid_time",
        )
    return datetime.time(hour, minute)
