"""Template helpers of the report pages (portal.reports): a figure in Persian digits."""

from __future__ import annotations

from typing import Any

from django import template

from persian.digits import to_persian_digits

register = template.Library()


@register.filter
def item(mapping: dict, key: str) -> Any:
    return mapping.get(key, "")


def show(value: Any, *, share: bool = False) -> str:
    """A count, a number of days (a median may end in .5) or a share, in Persian digits;
    a dash when there is no value (no decision to measure)."""
    if value is None:
        return "—"
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else f"{value:.1f}".replace(".", "\u066b")
    else:
        text = str(value)
    return to_persian_digits(text + ("٪" if share else ""))


@register.simple_tag
def figure(row: Any, name: str) -> str:
    return show(getattr(row, name), share=name == "on_time_share")


@register.filter
def fa_figure(value: Any) -> str:
    return show(value)


@register.filter
def as_list(value: Any) -> list:
    return [value]
