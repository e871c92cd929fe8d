"""The admin's date hierarchy in the Jalali calendar.

Django's ``date_hierarchy`` drills down by Gregorian year, month and day, and prints them
in English month names and Latin digits. :class:`JalaliAdminMixin` keeps the
``date_hierarchy`` attribute and its query parameters (``<field>__year``, ``__month``,
``__day``) but reads them as a Jalali year, month and day, seen from Tehran: its change
list (:class:`JalaliChangeList`) turns them into a range of the field, from the first
instant of that Jalali day, month or year in Asia/Tehran to the first of the next.

The bar above the list is drawn by :func:`jalali_date_hierarchy` (the ``persian_admin``
template tag library, used by ``templates/admin/change_list.html``) with Django's own
``admin/date_hierarchy.html``: Jalali years, «آذر ۱۴۰۵», «۱۰ آذر ۱۴۰۵», in Persian
digits (transliterated with Latin digits when the interface is English).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _

from persian.digits import to_persian_digits
from persian.jalali import (
    MONTH_NAMES,
    MONTH_NAMES_LATIN,
    TEHRAN,
    format_date,
    format_datetime,
    from_jalali,
    is_english,
    to_jalali,
)

__all__ = ["JalaliAdminMixin", "JalaliChangeList", "jalali_date_hierarchy"]

_PARTS = ("year", "month", "day")


def _lookups(field_name: str) -> dict[str, str]:
    return {part: f"{field_name}__{part}" for part in _PARTS}


def _is_datetime(model: type[models.Model], field_name: str) -> bool:
    return isinstance(get_fields_from_path(model, field_name)[-1], models.DateTimeField)


def jalali_range(year: int, month: int | None = None, day: int | None = None):
    """The Gregorian dates [start, end) of a Jalali year, month or day.

    Raises ``ValueError`` for a day or month that does not exist."""
    if month is None:
        return from_jalali(year, 1, 1), from_jalali(year + 1, 1, 1)
    if day is None:
        start = from_jalali(year, month, 1)
        end = from_jalali(year + 1, 1, 1) if month == 12 else from_jalali(year, month + 1, 1)
        return start, end
    start = from_jalali(year, month, day)
    return start, start + datetime.timedelta(days=1)


def _at_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=TEHRAN)


class JalaliChangeList(ChangeList):
    """A change list whose date hierarchy parameters are a Jalali year, month and day."""

    def get_filters(self, request: HttpRequest) -> Any:
        field_name = self.date_hierarchy
        if not field_name:
            return super().get_filters(request)
        lookups = _lookups(field_name)
        every = self.filter_params
        ours = {part: every[name] for part, name in lookups.items() if name in every}
        # Django's own handling of the hierarchy (Gregorian) is switched off for the call;
        # the other filters and the remaining lookups are left to it.
        self.filter_params = {k: v for k, v in every.items() if k not in lookups.values()}
        self.date_hierarchy = None
        try:
            specs, has_filters, lookups_left, duplicates, active = super().get_filters(request)
        finally:
            self.filter_params = every
            self.date_hierarchy = field_name
        remaining: dict[str, Any] = dict(lookups_left)
        if "year" in ours:
            start, end = self._range(ours)
            if _is_datetime(self.model, field_name):
                start, end = _at_midnight(start), _at_midnight(end)
            remaining[f"{field_name}__gte"] = [start]
            remaining[f"{field_name}__lt"] = [end]
        return specs, has_filters, remaining, duplicates, active

    @staticmethod
    def _range(ours: dict[str, list[str]]) -> tuple[datetime.date, datetime.date]:
        try:
            numbers = {part: int(values[-1]) for part, values in ours.items()}
            if "day" in numbers and "month" not in numbers:
                raise ValueError("a day without its month")
            return jalali_range(numbers["year"], numbers.get("month"), numbers.get("day"))
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


def _jalali_column(model: type[models.Model], name: str) -> Any:
    """A list column showing the model's date or date-time field ``name`` in Jalali."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.DateField)
    formatter = format_datetime if isinstance(field, models.DateTimeField) else format_date

    def column(obj: models.Model) -> str:
        return formatter(getattr(obj, name)) or "—"

    column.short_description = field.verbose_name  # type: ignore[attr-defined]
    column.admin_order_field = name  # type: ignore[attr-defined]
    column.__name__ = name
    return column


class JalaliAdminMixin:
    """ModelAdmin whose ``date_hierarchy`` drills down by Jalali year, month and day, and
    whose list columns of dates and times (named in ``list_display``) read in Jalali, in
    Tehran time: «۱۰ آذر ۱۴۰۵، ساعت ۱۰:۳۰» where Django prints «۱ دسامبر ۲۰۲۶»."""

    model: type[models.Model]

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return JalaliChangeList

    def get_list_display(self, request: HttpRequest) -> Any:
        columns = super().get_list_display(request)  # type: ignore[misc]
        return [self._jalali(column) for column in columns]

    def _jalali(self, column: Any) -> Any:
        if not isinstance(column, str) or column.startswith("__"):
            return column
        try:
            field = self.model._meta.get_field(column)
        except FieldDoesNotExist:
            return column
        if isinstance(field, models.DateField):  # DateTimeField included
            return _jalali_column(self.model, column)
        return column


# --- The bar above the list ---------------------------------------------------------------


def _number(value: int, english: bool) -> str:
    return str(value) if english else to_persian_digits(str(value))


def _month(year: int, month: int, english: bool) -> str:
    names = MONTH_NAMES_LATIN if english else MONTH_NAMES
    return f"{names[month - 1]} {_number(year, english)}"


def _day(year: int, month: int, day: int, english: bool) -> str:
    return f"{_number(day, english)} {_month(year, month, english)}"


def _jalali_days(cl: ChangeList, field_name: str) -> list[Any]:
    """The Jalali days (seen from Tehran) that rows of the list fall on, in order."""
    queryset = cl.queryset.order_by()
    if _is_datetime(cl.model, field_name):
        days = queryset.datetimes(field_name, "day", tzinfo=TEHRAN)
        return [to_jalali(value.date()) for value in days]
    return [to_jalali(value) for value in queryset.dates(field_name, "day")]


def jalali_date_hierarchy(cl: ChangeList) -> dict[str, Any]:
    """The context of ``admin/date_hierarchy.html`` in the Jalali calendar: the years of
    the rows, then a year's months, then a month's days (only those with rows)."""
    field_name = cl.date_hierarchy
    if not field_name:
        return {"show": False}
    english = is_english()
    lookups = _lookups(field_name)
    generic = f"{field_name}__"
    chosen: dict[str, int] = {}
    for part in _PARTS:
        value = cl.params.get(lookups[part])
        if value is None:
            break
        try:
            chosen[part] = int(value)
        except (TypeError, ValueError):
            break

    def link(**parts: int) -> str:
        return cl.get_query_string({lookups[k]: v for k, v in parts.items()}, [generic])

    days = _jalali_days(cl, field_name)
    year, month, day = chosen.get("year"), chosen.get("month"), chosen.get("day")
    if year is not None and month is not None and day is not None:
        return {
            "show": True,
            "back": {"link": link(year=year, month=month), "title": _month(year, month, english)},
            "choices": [{"title": _day(year, month, day, english)}],
        }
    if year is not None and month is not None:
        seen = sorted({d.day for d in days if (d.year, d.month) == (year, month)})
        return {
            "show": True,
            "back": {"link": link(year=year), "title": _number(year, english)},
            "choices": [
                {
                    "link": link(year=year, month=month, day=n),
                    "title": _day(year, month, n, english),
                }
                for n in seen
            ],
        }
    if year is not None:
        seen = sorted({d.month for d in days if d.year == year})
        return {
            "show": True,
            "back": {"link": link(), "title": _("All dates")},
            "choices": [
                {"link": link(year=year, month=n), "title": _month(year, n, english)} for n in seen
            ],
        }
    return {
        "show": True,
        "choices": [
            {"link": link(year=n), "title": _number(n, english)}
            for n in sorted({d.year for d in days})
        ],
    }
