"""Form fields and widgets for Jalali dates and times.

People type dates the way they read them: Jalali, in Persian or Arabic-Indic or
Latin digits.  These fields accept all of them and hand the rest of the code plain
Gregorian ``date`` / ``time`` / aware ``datetime`` values.
"""

from __future__ import annotations

import datetime
from typing import Any

import jdatetime
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from persian.jalali import (
    TEHRAN,
    JalaliParseError,
    format_date,
    format_numeric,
    format_time,
    jalali_year,
    parse_jalali_date,
    parse_time,
    tehran_localtime,
)

__all__ = [
    "JalaliDateField",
    "JalaliDateInput",
    "JalaliDateTimeField",
    "JalaliDateTimeWidget",
    "JalaliTimeField",
    "JalaliTimeInput",
]


class _NumericTextInput(forms.TextInput):
    """A text input for digits-and-separators values typed on a Persian keyboard.

    ``type="date"`` is deliberately not used: browsers render it with the Gregorian
    calendar.  ``dir="ltr"`` isolates the value so "۱۴۰۳/۰۲/۰۸" keeps year-month-day
    order while the caret moves naturally; the page itself stays RTL.
    """

    default_attrs: dict[str, str] = {}

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        # Caller's attrs win, so a template can still override the placeholder.
        super().__init__({**self.default_attrs, **(attrs or {})})

    def _format(self, value: Any) -> str:
        # Subclasses render dates or times; anything else is shown as it is.
        return str(value)

    def format_value(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            # A bound form being re-displayed after an error: show exactly what was
            # typed, not a reformatted (or lost) version of it.
            return value
        return self._format(value)


def example_date() -> str:
    """Today in Tehran as «۱۴۰۵/۰۹/۱۰»: an example of a date in the current Jalali year,
    computed when a page is shown (never a year fixed in the code)."""
    return format_numeric(timezone.localdate())


def _example(example: str) -> str:
    # «مثلاً …»: a placeholder nobody takes for a value already filled in.
    return gettext("مثلاً %(example)s") % {"example": example}


class JalaliDateInput(_NumericTextInput):
    """Text input showing a date as "۱۴۰۳/۰۲/۰۸" (Jalali, Persian digits); its placeholder
    is «مثلاً» and today's date (:func:`example_date`)."""

    default_attrs = {
        "inputmode": "numeric",
        "dir": "ltr",
        "lang": "fa",
        "autocomplete": "off",
        # A Jalali calendar opens beside the field (static/js/datepicker.js, the npm
        # package @majidh1/jalalidatepicker); typing the date still works without it.
        "data-jdp": "",
    }

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", _example(example_date()))
        return context

    def _format(self, value: Any) -> str:
        if isinstance(value, datetime.date | jdatetime.date):
            return format_numeric(value)
        return str(value)


class JalaliTimeInput(_NumericTextInput):
    """Text input showing a time of day as "۱۰:۳۰" (24-hour, Persian digits); its
    placeholder «مثلاً ۱۰:۳۰», so that an empty optional time does not look filled in."""

    default_attrs = {
        "inputmode": "numeric",
        "dir": "ltr",
        "lang": "fa",
        "autocomplete": "off",
    }

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", _example("۱۰:۳۰"))
        return context

    def _format(self, value: Any) -> str:
        if isinstance(value, datetime.time | datetime.datetime):
            # Always Persian digits: the input is marked lang="fa" whatever the UI
            # language, and parse_time reads every digit script back.
            return format_time(value, lang="fa")
        return str(value)


def _as_validation_error(err: JalaliParseError) -> ValidationError:
    return ValidationError(str(err), code=err.code)


class JalaliDateField(forms.Field):
    """A date typed in the Jalali calendar; cleans to a Gregorian ``datetime.date``.

    ``min_value`` / ``max_value`` (Gregorian dates) are optional inclusive bounds; their
    error messages show the bound as a Jalali date.
    """

    widget = JalaliDateInput
    default_error_messages = {
        "min_value": _("تاریخ نباید پیش از %(limit_value)s باشد."),
        "max_value": _("تاریخ نباید پس از %(limit_value)s باشد."),
        "gregorian": _("این تاریخ میلادی به نظر می‌رسد؛ تاریخ شمسی وارد کنید."),
    }
    # A Jalali year nobody means (the Jalali calendar reaches 1800 in 2421): a Gregorian
    # date typed by mistake, named as such rather than as out of range.
    gregorian_years = range(1800, 2200)

    def __init__(
        self,
        *,
        min_value: datetime.date | None = None,
        max_value: datetime.date | None = None,
        **kwargs: Any,
    ) -> None:
        self.min_value = min_value
        self.max_value = max_value
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, jdatetime.date):
            value = value.togregorian()
        if isinstance(value, datetime.datetime):
            # The calendar day a person in Tehran would name for that instant.
            return tehran_localtime(value).date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        if not text:
            return None
        try:
            value = parse_jalali_date(text)
        except JalaliParseError as err:
            raise _as_validation_error(err) from err
        if jalali_year(value) in self.gregorian_years:
            raise ValidationError(self.error_messages["gregorian"], code="gregorian")
        return value

    def validate(self, value: datetime.date | None) -> None:
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"limit_value": format_date(self.min_value)},
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit_value": format_date(self.max_value)},
            )


def _to_minute(value: datetime.time | None) -> datetime.time | None:
    return value.replace(second=0, microsecond=0) if value is not None else None


class JalaliTimeField(forms.Field):
    """A 24-hour time typed as "۱۰:۳۰" in any digit script; cleans to ``datetime.time``."""

    widget = JalaliTimeInput

    def to_python(self, value: Any) -> datetime.time | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return tehran_localtime(value).time().replace(tzinfo=None)
        if isinstance(value, datetime.time):
            return value
        text = str(value).strip()
        if not text:
            return None
        try:
            return parse_time(text)
        except JalaliParseError as err:
            raise _as_validation_error(err) from err

    def has_changed(self, initial: Any, data: Any) -> bool:
        # The input only shows hours and minutes, so an initial 10:30:45 re-submitted
        # as "۱۰:۳۰" is not a change.
        if self.disabled:
            return False
        try:
            data_value = self.to_python(data)
            initial_value = self.to_python(initial)
        except ValidationError:
            return True
        return _to_minute(initial_value) != _to_minute(data_value)


class JalaliDateTimeWidget(forms.MultiWidget):
    """A Jalali date input and a time input side by side (``name_date``, ``name_time``)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"date": JalaliDateInput(), "time": JalaliTimeInput()}, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.datetime):
            local = tehran_localtime(value)
            # Seconds are dropped: the time input cannot show them, and keeping them
            # would make an untouched form look changed.
            return [local.date(), local.time().replace(second=0, microsecond=0)]
        if isinstance(value, datetime.date):
            return [value, None]
        return [None, None]


class JalaliDateTimeField(forms.MultiValueField):
    """A Jalali date plus a time; cleans to an aware ``datetime`` in Asia/Tehran."""

    widget = JalaliDateTimeWidget
    default_error_messages = {
        "required": _("تاریخ و ساعت را وارد کنید."),
        "incomplete": _("تاریخ و ساعت را کامل وارد کنید."),
        "missing_date": _("تاریخ را هم وارد کنید."),
        "missing_time": _("ساعت را هم وارد کنید."),
        "nonexistent": _(
            "ساعت %(time)s روز %(date)s به وقت تهران وجود ندارد "
            "(ساعت رسمی در آن روز جلو کشیده شده است)."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        fields = (JalaliDateField(), JalaliTimeField())
        super().__init__(fields, **kwargs)

    def compress(self, data_list: list[Any]) -> datetime.datetime | None:
        if not data_list:
            return None
        date_value, time_value = data_list
        if date_value in self.empty_values and time_value in self.empty_values:
            return None
        if date_value in self.empty_values:
            raise ValidationError(self.error_messages["missing_date"], code="missing_date")
        if time_value in self.empty_values:
            raise ValidationError(self.error_messages["missing_time"], code="missing_time")
        naive = datetime.datetime.combine(date_value, time_value)
        # zoneinfo (unlike pytz) attaches correctly with replace().
        aware = naive.replace(tzinfo=TEHRAN)
        # Until 2022 Iran moved clocks forward an hour; the skipped wall times do not
        # exist, and silently shifting them would store a time nobody typed.
        round_trip = aware.astimezone(datetime.UTC).astimezone(TEHRAN).replace(tzinfo=None)
        if round_trip != naive:
            raise ValidationError(
                self.error_messages["nonexistent"],
                code="nonexistent",
                params={"time": format_time(naive), "date": format_date(naive)},
            )
        return aware
