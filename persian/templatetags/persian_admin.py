"""The admin's date hierarchy in the Jalali calendar (see persian/admin_dates.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.contrib.admin.templatetags.base import InclusionAdminNode

from persian.admin_dates import JalaliChangeList, jalali_date_hierarchy

register = template.Library()


def _hierarchy(cl: Any) -> dict[str, Any]:
    # A change list that reads its parameters as Gregorian keeps Django's own bar, whose
    # links it understands; every admin of the project reads them as Jalali.
    if isinstance(cl, JalaliChangeList):
        return jalali_date_hierarchy(cl)
    return date_hierarchy(cl) or {"show": False}


@register.tag(name="jalali_date_hierarchy")
def jalali_date_hierarchy_tag(parser: Any, token: Any) -> InclusionAdminNode:
    # (django-stubs names a first argument that Django 5.2's InclusionAdminNode does not take)
    return InclusionAdminNode(  # type: ignore[call-arg]
        parser, token, func=_hierarchy, template_name="date_hierarchy.html", takes_context=False
    )
