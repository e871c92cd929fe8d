"""Jalali form fields and widgets."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError

from persian.forms import (
    JalaliDateField,
    JalaliDateInput,
    JalaliDateTimeField,
    JalaliTimeField,
)
from persian.jalali import TEHRAN, format_numeric

DAY = datetime.date(2024, 4, 27)  # ۱۴۰۳/۰۲/۰۸


class MeetingForm(forms.Form):
    day = JalaliDateField()
    starts = JalaliTimeField(required=False)
    when = JalaliDateTimeField(required=False)


# --- JalaliDateField ------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["۱۴۰۳/۰۲/۰۸", "1403/2/8", "١٤٠٣-٠٢-٠٨", "۱۴۰۳.2.٠٨"])
def test_date_field_accepts_every_digit_script(typed):
    assert JalaliDateField().clean(typed) == DAY


def test_date_field_accepts_a_date_instance_as_is():
    assert JalaliDateField().clean(DAY) == DAY


def test_date_field_reports_a_shapeless_value_in_persian():
    with pytest.raises(ValidationError) as caught:
        JalaliDateField().clean("فردا")
    assert caught.value.code == "invalid_format"
    assert caught.value.messages == [
        "تاریخ را به شکل سال/ماه/روز وارد کنید، مانند "
        f"{format_numeric(datetime.datetime.now(TEHRAN).date())}."
    ]


def test_date_field_reports_a_day_that_does_not_exist_in_persian():
    with pytest.raises(ValidationError) as caught:
        JalaliDateField().clean("۱۴۰۴/۱۲/۳۰")
    assert caught.value.code == "invalid_date"
    assert caught.value.messages == ["تاریخ ۱۴۰۴/۱۲/۳۰ وجود ندارد؛ اسفند ۱۴۰۴ ۲۹ روز دارد."]


def test_an_empty_optional_date_field_cleans_to_none():
    assert JalaliDateField(required=False).clean("") is None
    assert JalaliDateField(required=False).clean("   ") is None


def test_an_empty_required_date_field_is_an_error():
    with pytest.raises(ValidationError) as caught:
        JalaliDateField().clean("")
    assert caught.value.code == "required"


def test_date_field_bounds_are_explained_with_jalali_dates():
    field = JalaliDateField(min_value=datetime.date(2024, 3, 20), max_value=DAY)
    assert field.clean("1403/01/01") == datetime.date(2024, 3, 20)
    with pytest.raises(ValidationError) as too_early:
        field.clean("1402/12/29")
    assert too_early.value.messages == ["تاریخ نباید پیش از ۱ فروردین ۱۴۰۳ باشد."]
    with pytest.raises(ValidationError) as too_late:
        field.clean("1403/02/09")
    assert too_late.value.messages == ["تاریخ نباید پس از ۸ اردیبهشت ۱۴۰۳ باشد."]


def test_date_input_shows_a_date_in_persian_digits_with_helpful_attributes():
    html = JalaliDateInput().render("day", DAY)
    assert 'value="۱۴۰۳/۰۲/۰۸"' in html
    assert 'inputmode="numeric"' in html
    assert 'dir="ltr"' in html
    assert 'lang="fa"' in html
    assert 'autocomplete="off"' in html
    assert "placeholder=" in html


def test_the_date_placeholder_is_an_example_in_the_current_jalali_year():
    from django.utils import timezone

    from persian.jalali import format_numeric

    html = JalaliDateInput().render("day", None)
    assert f'placeholder="مثلاً {format_numeric(timezone.localdate())}"' in html
    assert "۱۴۰۳/۰۲/۰۸" not in html


@pytest.mark.parametrize("typed", ["2026/12/20", "۲۰۲۶/۱۲/۲۰", "1999-1-5"])
def test_a_gregorian_date_typed_by_mistake_is_named_as_such(typed):
    field = JalaliDateField(max_value=datetime.date(2100, 1, 1))
    with pytest.raises(ValidationError) as caught:
        field.clean(typed)
    assert caught.value.code == "gregorian"
    assert caught.value.messages == ["این تاریخ میلادی به نظر می‌رسد؛ تاریخ شمسی وارد کنید."]


def test_date_input_passes_typed_text_through_unchanged():
    assert JalaliDateInput().format_value("1403/13/1") == "1403/13/1"


def test_a_bound_form_with_bad_input_re_renders_exactly_what_was_typed():
    form = MeetingForm(data={"day": "۱۴۰۳/۱۳/۰۱"})
    assert not form.is_valid()
    assert form.errors["day"] == ["ماه ۱۳ وجود ندارد؛ ماه باید عددی از ۱ تا ۱۲ باشد."]
    assert 'value="۱۴۰۳/۱۳/۰۱"' in str(form["day"])


def test_an_unchanged_initial_date_is_not_reported_as_changed():
    form = MeetingForm(data={"day": "۱۴۰۳/۰۲/۰۸"}, initial={"day": DAY})
    assert form.is_valid()
    assert "day" not in form.changed_data


# --- JalaliTimeField ------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["10:30", "۱۰:۳۰", "١٠:٣٠"])
def test_time_field_accepts_every_digit_script(typed):
    assert JalaliTimeField().clean(typed) == datetime.time(10, 30)


def test_time_field_reports_bad_input_in_persian():
    with pytest.raises(ValidationError) as caught:
        JalaliTimeField().clean("25:00")
    assert caught.value.code == "invalid_time"
    assert caught.value.messages == ["ساعت ۲۵:۰۰ وجود ندارد؛ ساعت باید از ۰۰:۰۰ تا ۲۳:۵۹ باشد."]


def test_time_input_shows_persian_digits():
    html = JalaliTimeField().widget.render("starts", datetime.time(9, 5))
    assert 'value="۰۹:۰۵"' in html
    # an example that cannot be taken for a value already typed
    assert 'placeholder="مثلاً ۱۰:۳۰"' in html
    assert 'inputmode="numeric"' in html


def test_seconds_alone_do_not_count_as_a_change_of_time():
    assert not JalaliTimeField().has_changed(datetime.time(10, 30, 45), "۱۰:۳۰")
    assert JalaliTimeField().has_changed(datetime.time(10, 30), "۱۰:۳۱")


# --- JalaliDateTimeField --------------------------------------------------------------------


def test_date_and_time_combine_into_an_aware_tehran_datetime():
    value = JalaliDateTimeField().clean(["۱۴۰۳/۰۱/۰۱", "۰۰:۳۰"])
    assert value.tzinfo == TEHRAN
    assert value == datetime.datetime(2024, 3, 19, 21, 0, tzinfo=datetime.UTC)


def test_the_datetime_widget_shows_an_aware_value_in_tehran_time():
    moment = datetime.datetime(2024, 3, 19, 21, 0, 59, tzinfo=datetime.UTC)
    html = JalaliDateTimeField().widget.render("when", moment)
    assert 'name="when_date"' in html
    assert 'value="۱۴۰۳/۰۱/۰۱"' in html
    assert 'value="۰۰:۳۰"' in html


def test_a_form_posts_the_two_halves_of_a_datetime():
    form = MeetingForm(data={"day": "1403/01/01", "when_date": "1403/01/01", "when_time": "9:30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == datetime.datetime(2024, 3, 20, 9, 30, tzinfo=TEHRAN)


def test_an_empty_optional_datetime_cleans_to_none():
    assert JalaliDateTimeField(required=False).clean(["", ""]) is None


def test_a_required_datetime_left_empty_asks_for_both_parts():
    with pytest.raises(ValidationError) as caught:
        JalaliDateTimeField().clean(["", ""])
    assert caught.value.messages == ["تاریخ و ساعت را وارد کنید."]


def test_a_date_without_a_time_asks_for_the_time():
    with pytest.raises(ValidationError) as caught:
        JalaliDateTimeField(required=False).clean(["۱۴۰۳/۰۱/۰۱", ""])
    assert caught.value.messages == ["ساعت را هم وارد کنید."]


def test_a_time_without_a_date_asks_for_the_date():
    with pytest.raises(ValidationError) as caught:
        JalaliDateTimeField(required=False).clean(["", "۱۰:۳۰"])
    assert caught.value.messages == ["تاریخ را هم وارد کنید."]


def test_a_bad_date_inside_the_datetime_is_reported_in_persian():
    with pytest.raises(ValidationError) as caught:
        JalaliDateTimeField().clean(["۱۴۰۴/۱۲/۳۰", "۱۰:۳۰"])
    assert "وجود ندارد" in caught.value.messages[0]


def test_a_wall_time_skipped_by_the_last_iranian_summer_time_is_rejected():
    # On 2 Farvardin 1401 (22 March 2022) clocks jumped from 00:00 to 01:00.
    with pytest.raises(ValidationError) as caught:
        JalaliDateTimeField().clean(["1401/01/02", "00:30"])
    assert caught.value.code == "nonexistent"
    assert JalaliDateTimeField().clean(["1401/01/02", "01:30"]).utcoffset() == datetime.timedelta(
        hours=4, minutes=30
    )


def test_a_bound_datetime_with_bad_input_re_renders_what_was_typed():
    form = MeetingForm(data={"day": "1403/01/01", "when_date": "۱۴۰۳/۱۳/۰۱", "when_time": "۲۵:۰۰"})
    assert not form.is_valid()
    html = str(form["when"])
    assert 'value="۱۴۰۳/۱۳/۰۱"' in html
    assert 'value="۲۵:۰۰"' in html


def test_an_untouched_datetime_is_not_reported_as_changed():
    moment = datetime.datetime(2024, 3, 19, 21, 0, 30, tzinfo=datetime.UTC)
    form = MeetingForm(
        data={"day": "1403/01/01", "when_date": "۱۴۰۳/۰۱/۰۱", "when_time": "۰۰:۳۰"},
        initial={"day": datetime.date(2024, 3, 20), "when": moment},
    )
    assert form.is_valid(), form.errors
    assert form.changed_data == []
