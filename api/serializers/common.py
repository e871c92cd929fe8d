"""Fields shared by the read and write serializers: Jalali renderings beside ISO dates,
ids that refuse anything but a plain positive integer, dates that may be typed in Jalali,
and Persian error messages (DRF's own Persian catalogue is patchy)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from minutes.models import Meeting
from minutes.visibility import Viewer, people_visible_to
from persian.jalali import (
    DATE_CEILING,
    DATE_FLOOR,
    JalaliParseError,
    format_numeric_latin,
    parse_jalali_date,
    tehran_localtime,
)

# Dates far outside the committee's life (persian.jalali.DATE_FLOOR/DATE_CEILING, the forms'
# bounds too) are typing mistakes (a Gregorian year typed as Jalali) and would overflow
# time-zone arithmetic.
MAX_ID = 2**63 - 1

COMMON_ERRORS = {
    "required": _("این مقدار لازم است."),
    "null": _("این مقدار نمی‌تواند تهی باشد."),
    "blank": _("این مقدار نمی‌تواند خالی باشد."),
}
TEXT_ERRORS = {
    **COMMON_ERRORS,
    "invalid": _("یک متن بفرستید."),
    "max_length": _("حداکثر {max_length} نویسه پذیرفته است."),
}


# --- Jalali renderings -----------------------------------------------------------------------


def jalali_text(value: datetime.date | datetime.datetime | None) -> str | None:
    """«1405/09/01» for a date, «1405/09/01 10:30» (Tehran time) for an instant: the Jalali
    calendar with Latin digits, zero padded, as the machine-readable exports write it."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        local = tehran_localtime(value)
        return f"{format_numeric_latin(local)} {local.hour:02d}:{local.minute:02d}"
    return format_numeric_latin(value)


@extend_schema_field(
    {
        "type": "string",
        "nullable": True,
        "description": "Jalali (Tehran time), Latin digits: 1405/09/01 or 1405/09/01 10:30",
        "example": "1405/09/01 10:30",
    }
)
class JalaliField(serializers.Field):
    """The Jalali rendering of a date or datetime attribute (read only)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return jalali_text(value)


# --- Input fields ----------------------------------------------------------------------------


class CharField(serializers.CharField):
    """Text, and only text: a number or a list where text is expected is an error."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def text(max_length: int, *, required: bool = True, allow_blank: bool = False, **kwargs):
    """A text field with Persian error messages."""
    return CharField(
        max_length=max_length,
        required=required,
        allow_blank=allow_blank,
        error_messages=TEXT_ERRORS,
        **kwargs,
    )


# What an IdField with ``visible`` may name, for the caller's Viewer (minutes/visibility.py).
VISIBLE: dict[str, Callable[[Viewer], QuerySet]] = {
    "people": people_visible_to,
    "meetings": lambda viewer: Meeting.objects.visible_to(viewer),
}


class IdField(serializers.PrimaryKeyRelatedField):
    """A related object by id: a JSON integer from 1 to 2⁶³−1 that the caller may see.
    Anything else is a 400 on the field; an unknown id and one the caller may not see get
    the same message.

    ``visible`` names what the caller may see ("people" or "meetings", :data:`VISIBLE`);
    without it the whole ``queryset`` (public reference data) is searched."""

    default_error_messages = {
        **COMMON_ERRORS,
        "does_not_exist": _("موردی با شناسه «{pk_value}» پیدا نشد."),
        "incorrect_type": _("شناسه باید عدد صحیح باشد."),
    }

    def __init__(self, *, visible: str | None = None, **kwargs):
        self.visible = visible
        super().__init__(**kwargs)

    def get_queryset(self):
        if self.visible is not None:
            return VISIBLE[self.visible](self.context["visibility"])
        return super().get_queryset()

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type")
        if isinstance(data, str):
            if not data.isascii() or not data.isdigit() or len(data) > 19:
                self.fail("incorrect_type")
            data = int(data)
        if not 1 <= data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


@extend_schema_field(
    {
        "type": "string",
        "format": "date",
        "description": "ISO 8601 (2026-11-22) or Jalali (1405/09/01, Persian digits too)",
    }
)
class DateField(serializers.DateField):
    """A date as ISO 8601 or in the Jalali calendar (۱۴۰۵/۰۹/۰۱, 1405/9/1)."""

    default_error_messages = {
        **COMMON_ERRORS,
        "invalid": _("تاریخ را به شکل 2026-11-22 یا ۱۴۰۵/۰۹/۰۱ بفرستید."),
        "datetime": _("فقط تاریخ بفرستید، بی‌ساعت."),
        "range": _("تاریخ باید میان ۱۳۶۸ و ۱۴۷۸ خورشیدی باشد."),
    }

    def to_internal_value(self, value):
        if isinstance(value, str) and ("/" in value or not value.isascii()):
            try:
                day = parse_jalali_date(value)
            except JalaliParseError as error:
                raise serializers.ValidationError(str(error), code=error.code) from None
        else:
            day = super().to_internal_value(value)
        if not DATE_FLOOR <= day < DATE_CEILING:
            self.fail("range")
        return day


class DateTimeField(serializers.DateTimeField):
    """An instant as ISO 8601; without an offset it is Tehran time."""

    default_error_messages = {
        **COMMON_ERRORS,
        "invalid": _("زمان را به شکل ISO 8601 بفرستید، مانند 2026-11-22T10:30:00+03:30."),
        "date": _("زمان را با ساعت بفرستید، نه فقط تاریخ."),
        "range": _("زمان باید میان ۱۳۶۸ و ۱۴۷۸ خورشیدی باشد."),
        "overflow": _("زمان بیرون از بازه پذیرفته است."),
    }

    def to_internal_value(self, value):
        if isinstance(value, str) and not value.isascii():
            self.fail("invalid")
        instant = super().to_internal_value(value)
        if not DATE_FLOOR <= instant.date() < DATE_CEILING:
            self.fail("range")
        return instant


class BooleanField(serializers.BooleanField):
    default_error_messages = {**COMMON_ERRORS, "invalid": _("مقدار باید true یا false باشد.")}


class ChoiceField(serializers.ChoiceField):
    default_error_messages = {
        **COMMON_ERRORS,
        "invalid_choice": _("«{input}» گزینه پذیرفته‌ای نیست."),
    }


class IntegerField(serializers.IntegerField):
    default_error_messages = {
        **COMMON_ERRORS,
        "invalid": _("یک عدد صحیح بفرستید."),
        "max_value": _("این عدد نباید از {max_value} بیشتر باشد."),
        "min_value": _("این عدد نباید از {min_value} کمتر باشد."),
        "max_string_length": _("این عدد بیش از اندازه بزرگ است."),
    }


class ListField(serializers.ListField):
    default_error_messages = {
        **COMMON_ERRORS,
        "not_a_list": _("فهرستی بفرستید، نه «{input_type}»."),
        "empty": _("این فهرست نمی‌تواند خالی باشد."),
        "min_length": _("دست‌کم {min_length} مورد بفرستید."),
        "max_length": _("حداکثر {max_length} مورد پذیرفته است."),
    }


def id_list(queryset, *, visible: str | None = None, max_length: int = 100, **kwargs):
    """A list of ids (no duplicates kept) of objects the caller may see."""
    return ListField(
        child=IdField(queryset=queryset, visible=visible),
        required=kwargs.pop("required", False),
        max_length=max_length,
        **kwargs,
    )


class InputSerializer(serializers.Serializer):
    """Base of the write serializers: they validate and shape input for a service
    function and never save anything themselves."""

    default_error_messages = {
        "invalid": _("داده نامعتبر است؛ یک شیء JSON انتظار می‌رفت، نه «{datatype}»."),
    }

    # A guard, not a gap: saving here would bypass the services' checks and audit.
    def create(self, validated_data):  # pragma: no cover - never called
        raise TypeError("Input serializers never save; the services do.")

    def update(self, instance, validated_data):  # pragma: no cover - never called
        raise TypeError("Input serializers never save; the services do.")

    @property
    def visibility(self):
        return self.context["visibility"]
