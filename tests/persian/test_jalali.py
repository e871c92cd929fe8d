"""Jalali calendar conversion, parsing and formatting."""

from __future__ import annotations

import datetime

import jdatetime
import pytest
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from persian.digits import ARABIC_INDIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS
from persian.jalali import (
    MONTH_NAMES,
    TEHRAN,
    WEEKDAY_NAMES,
    JalaliDateError,
    JalaliTimeError,
    days_in_month,
    format_date,
    format_datetime,
    format_numeric,
    format_numeric_latin,
    format_time,
    from_jalali,
    is_leap,
    jalali_year,
    parse_jalali_date,
    parse_time,
    to_jalali,
)
from tests.persian.strategies import jalali_parts

WIDE_DATES = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31))
ARDIBEHESHT_8_1403 = datetime.date(2024, 4, 27)
# Nowruz 1403: the vernal equinox fell at 2024-03-20 03:06 UTC, so Tehran's new year
# began at midnight local time, which is 20:30 UTC the evening before.
NOWRUZ_1403_PLUS_HALF_HOUR_UTC = datetime.datetime(2024, 3, 19, 21, 0, tzinfo=datetime.UTC)

TO_ARABIC_INDIC = str.maketrans(LATIN_DIGITS, ARABIC_INDIC_DIGITS)


# --- names -------------------------------------------------------------------------------


def test_there_are_twelve_months_from_farvardin_to_esfand():
    assert len(MONTH_NAMES) == 12
    assert MONTH_NAMES[0] == "فروردین"
    assert MONTH_NAMES[-1] == "اسفند"


def test_the_week_starts_on_saturday_like_jdatetime():
    assert WEEKDAY_NAMES[0] == "شنبه"
    assert WEEKDAY_NAMES[-1] == "جمعه"
    assert jdatetime.date(1403, 2, 8).weekday() == 0  # 2024-04-27 was a Saturday


# --- conversion ----------------------------------------------------------------------------


def test_2024_04_27_is_8_ordibehesht_1403():
    jalali = to_jalali(ARDIBEHESHT_8_1403)
    assert (jalali.year, jalali.month, jalali.day) == (1403, 2, 8)
    assert from_jalali(1403, 2, 8) == ARDIBEHESHT_8_1403


def test_1403_esfand_30_exists_because_1403_is_leap():
    assert is_leap(1403)
    assert from_jalali(1403, 12, 30) == datetime.date(2025, 3, 20)


def test_1404_is_not_leap_so_esfand_has_29_days():
    assert not is_leap(1404)
    assert days_in_month(1404, 12) == 29
    with pytest.raises(ValueError):
        from_jalali(1404, 12, 30)


@pytest.mark.parametrize("year", [1399, 1402, 1403, 1404, 1408])
def test_there_is_never_a_31_esfand(year):
    with pytest.raises(ValueError):
        from_jalali(year, 12, 31)


def test_month_13_does_not_exist():
    with pytest.raises(ValueError):
        from_jalali(1403, 13, 1)


def test_an_aware_utc_datetime_is_seen_from_tehran():
    jalali = to_jalali(NOWRUZ_1403_PLUS_HALF_HOUR_UTC)
    assert (jalali.year, jalali.month, jalali.day) == (1403, 1, 1)
    assert (jalali.hour, jalali.minute) == (0, 30)


def test_tehran_is_utc_plus_three_and_a_half_with_no_summer_time_since_2022():
    winter = datetime.datetime(2024, 1, 10, 12, tzinfo=TEHRAN)
    summer = datetime.datetime(2024, 7, 10, 12, tzinfo=TEHRAN)
    assert winter.utcoffset() == summer.utcoffset() == datetime.timedelta(hours=3, minutes=30)


def test_the_active_time_zone_does_not_change_the_jalali_date():
    with timezone.override("America/Los_Angeles"):
        jalali = to_jalali(NOWRUZ_1403_PLUS_HALF_HOUR_UTC)
    assert (jalali.month, jalali.day, jalali.hour) == (1, 1, 0)


def test_a_naive_datetime_is_taken_as_tehran_wall_time():
    jalali = to_jalali(datetime.datetime(2024, 4, 27, 10, 30))
    assert (jalali.year, jalali.month, jalali.day, jalali.hour) == (1403, 2, 8, 10)


def test_jalali_year_changes_at_tehran_midnight_not_utc_midnight():
    assert jalali_year(datetime.date(2025, 3, 20)) == 1403
    assert jalali_year(datetime.date(2025, 3, 21)) == 1404
    # 20:45 UTC on 20 March is already 00:15 on 1 Farvardin 1404 in Tehran.
    assert jalali_year(datetime.datetime(2025, 3, 20, 20, 45, tzinfo=datetime.UTC)) == 1404


@settings(deadline=None)
@given(WIDE_DATES)
def test_any_gregorian_date_survives_a_round_trip_through_jalali(day):
    jalali = to_jalali(day)
    assert from_jalali(jalali.year, jalali.month, jalali.day) == day


@settings(deadline=None)
@given(jalali_parts())
def test_any_real_jalali_date_survives_a_round_trip_through_gregorian(parts):
    jalali = to_jalali(from_jalali(*parts))
    assert (jalali.year, jalali.month, jalali.day) == parts


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=9376), st.integers(min_value=1, max_value=12))
def test_days_in_month_agrees_with_jdatetime(year, month):
    length = days_in_month(year, month)
    jdatetime.date(year, month, length)  # the last day exists …
    with pytest.raises(ValueError):
        jdatetime.date(year, month, length + 1)  # … and the next one does not


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=9376))
def test_a_leap_year_is_one_with_366_days_between_nowruzes(year):
    length = from_jalali(year + 1, 1, 1) - from_jalali(year, 1, 1)
    assert is_leap(year) == (length.days == 366)


# --- parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "۱۴۰۳/۰۲/۰۸",
        "1403/2/8",
        "1403/02/08",
        "١٤٠٣-٠٢-٠٨",
        "1403.02.08",
        "  ۱۴۰۳/۰۲/۰۸  ",
        "۱۴۰۳/02/٠٨",
        "1403 / 2 / 8",
        "\u200e۱۴۰۳/۰۲/۰۸\u200f",
        "１４０３/０２/０８",
    ],
)
def test_parse_accepts_every_digit_script_and_separator(typed):
    assert parse_jalali_date(typed) == ARDIBEHESHT_8_1403


@pytest.mark.parametrize(
    "typed", ["abc", "", "03/02/08", "14030208", "1403/02-08", "8/2/1403", "1403/002/08"]
)
def test_parse_rejects_text_that_is_not_shaped_like_a_date(typed):
    with pytest.raises(JalaliDateError) as caught:
        parse_jalali_date(typed)
    assert caught.value.code == "invalid_format"
    # an example in the current Jalali year
    assert str(caught.value) == (
        "تاریخ را به شکل سال/ماه/روز وارد کنید، مانند "
        f"{format_numeric(datetime.datetime.now(TEHRAN).date())}."
    )


def test_1404_esfand_30_is_reported_as_a_date_that_does_not_exist():
    with pytest.raises(JalaliDateError) as caught:
        parse_jalali_date("1404/12/30")
    assert caught.value.code == "invalid_date"
    assert str(caught.value) == "تاریخ ۱۴۰۴/۱۲/۳۰ وجود ندارد؛ اسفند ۱۴۰۴ ۲۹ روز دارد."


@settings(deadline=None)
@given(st.integers(min_value=1000, max_value=9377))
def test_any_31_esfand_is_rejected_as_invalid_date(year):
    with pytest.raises(JalaliDateError) as caught:
        parse_jalali_date(f"{year}/12/31")
    assert caught.value.code == "invalid_date"


def test_31_mehr_is_rejected_with_the_length_of_mehr():
    with pytest.raises(JalaliDateError) as caught:
        parse_jalali_date("1403/07/31")
    assert str(caught.value) == "تاریخ ۱۴۰۳/۰۷/۳۱ وجود ندارد؛ مهر ۱۴۰۳ ۳۰ روز دارد."


def test_month_13_is_rejected_with_a_message_about_the_month():
    with pytest.raises(JalaliDateError) as caught:
        parse_jalali_date("1403/13/01")
    assert caught.value.code == "invalid_date"
    assert "ماه ۱۳ وجود ندارد" in str(caught.value)


def test_day_zero_and_year_zero_are_invalid_dates():
    for typed in ("1403/02/00", "0000/01/01"):
        with pytest.raises(JalaliDateError) as caught:
            parse_jalali_date(typed)
        assert caught.value.code == "invalid_date"


def test_a_jalali_date_error_is_a_value_error():
    assert issubclass(JalaliDateError, ValueError)


def test_messages_use_latin_digits_and_month_names_when_english_is_active():
    with translation.override("en"), pytest.raises(JalaliDateError) as caught:
        parse_jalali_date("1404/12/30")
    assert "1404/12/30" in str(caught.value)
    assert "Esfand" in str(caught.value)


@settings(deadline=None)
@given(WIDE_DATES)
def test_parse_reads_back_what_the_numeric_formatters_print(day):
    latin = format_numeric_latin(day)
    assert parse_jalali_date(format_numeric(day)) == day
    assert parse_jalali_date(latin) == day
    assert parse_jalali_date(latin.translate(TO_ARABIC_INDIC)) == day


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10:30", datetime.time(10, 30)),
        ("۱۰:۳۰", datetime.time(10, 30)),
        ("٩:٥", datetime.time(9, 5)),
        (" 0:00 ", datetime.time(0, 0)),
        ("23:59", datetime.time(23, 59)),
    ],
)
def test_parse_time_accepts_a_24_hour_clock_in_any_digit_script(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["24:00", "10:60", "۲۵:۰۰"])
def test_parse_time_rejects_hours_and_minutes_out_of_range(typed):
    with pytest.raises(JalaliTimeError) as caught:
        parse_time(typed)
    assert caught.value.code == "invalid_time"
    assert "وجود ندارد" in str(caught.value)


@pytest.mark.parametrize("typed", ["1030", "ten", "10:30:00", "", "10:30 pm"])
def test_parse_time_rejects_text_that_is_not_a_time(typed):
    with pytest.raises(ValueError) as caught:
        parse_time(typed)
    assert caught.value.code == "invalid_format"
    assert str(caught.value) == "ساعت را به شکل ۱۰:۳۰ وارد کنید."


# --- formatting ----------------------------------------------------------------------------


def test_format_date_writes_day_month_name_and_year_in_persian_digits():
    assert format_date(ARDIBEHESHT_8_1403) == "۸ اردیبهشت ۱۴۰۳"


def test_format_date_can_lead_with_the_weekday():
    assert format_date(ARDIBEHESHT_8_1403, with_weekday=True) == "شنبه ۸ اردیبهشت ۱۴۰۳"
    assert format_date(datetime.date(2024, 4, 29), with_weekday=True) == "دوشنبه ۱۰ اردیبهشت ۱۴۰۳"


def test_format_date_in_english_transliterates_the_month_and_keeps_latin_digits():
    assert format_date(ARDIBEHESHT_8_1403, lang="en") == "8 Ordibehesht 1403"
    assert (
        format_date(ARDIBEHESHT_8_1403, with_weekday=True, lang="en-us")
        == "Saturday, 8 Ordibehesht 1403"
    )


def test_any_language_other_than_english_gets_the_persian_form():
    assert format_date(ARDIBEHESHT_8_1403, lang="de") == "۸ اردیبهشت ۱۴۰۳"


def test_the_default_language_is_the_active_one():
    with translation.override("en"):
        assert format_date(ARDIBEHESHT_8_1403) == "8 Ordibehesht 1403"
    assert format_date(ARDIBEHESHT_8_1403) == "۸ اردیبهشت ۱۴۰۳"


def test_format_datetime_shows_tehran_time():
    assert format_datetime(NOWRUZ_1403_PLUS_HALF_HOUR_UTC) == "۱ فروردین ۱۴۰۳، ساعت ۰۰:۳۰"
    assert format_datetime(NOWRUZ_1403_PLUS_HALF_HOUR_UTC, lang="en") == "1 Farvardin 1403, 00:30"


def test_format_datetime_of_a_plain_date_is_just_the_date():
    assert format_datetime(ARDIBEHESHT_8_1403) == "۸ اردیبهشت ۱۴۰۳"


def test_format_time_is_a_zero_padded_24_hour_clock():
    assert format_time(datetime.time(10, 30)) == "۱۰:۳۰"
    assert format_time(datetime.time(9, 5), lang="en") == "09:05"
    assert format_time(NOWRUZ_1403_PLUS_HALF_HOUR_UTC) == "۰۰:۳۰"


def test_numeric_formats_are_zero_padded():
    assert format_numeric(ARDIBEHESHT_8_1403) == "۱۴۰۳/۰۲/۰۸"
    assert format_numeric_latin(ARDIBEHESHT_8_1403) == "1403/02/08"


def test_formatters_accept_jdatetime_values_too():
    assert format_date(jdatetime.date(1403, 2, 8)) == "۸ اردیبهشت ۱۴۰۳"
    assert format_numeric_latin(jdatetime.date(1403, 12, 30)) == "1403/12/30"


def test_every_formatter_turns_none_into_the_empty_string():
    assert format_date(None) == ""
    assert format_date(None, with_weekday=True) == ""
    assert format_datetime(None) == ""
    assert format_time(None) == ""
    assert format_numeric(None) == ""
    assert format_numeric_latin(None) == ""


def test_output_does_not_depend_on_jdatetime_thread_locale():
    previous = jdatetime.set_locale(jdatetime.FA_LOCALE)
    try:
        assert format_date(ARDIBEHESHT_8_1403, lang="en") == "8 Ordibehesht 1403"
    finally:
        jdatetime.set_locale(previous)
    previous = jdatetime.set_locale("en_US")
    try:
        assert format_date(ARDIBEHESHT_8_1403, lang="fa") == "۸ اردیبهشت ۱۴۰۳"
    finally:
        jdatetime.set_locale(previous)


@settings(deadline=None)
@given(WIDE_DATES)
def test_formatted_dates_carry_only_persian_digits(day):
    text = format_date(day, with_weekday=True)
    assert not set(LATIN_DIGITS + ARABIC_INDIC_DIGITS) & set(text)
    assert set(PERSIAN_DIGITS) & set(text)
