"""Small helpers shared by the working-interface tests (no fixtures here; see conftest.py)."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.db import models

DECISION_TEXT = "معاونت عمرانی گزارش لکه‌گیری معابر را تا پایان ماه به کارگروه ارائه کند."

PERSIAN_LETTER = re.compile(r"[\u0600-\u06FF]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def assert_persian(text: object) -> None:
    """A message a Persian reader can read: mostly Arabic-script letters, no English words."""
    text = str(text)
    assert len(PERSIAN_LETTER.findall(text)) >= 5, f"not Persian: {text!r}"
    assert not LATIN_WORD.search(text), f"English words in a Persian message: {text!r}"


def row_of(obj: models.Model) -> dict[str, Any]:
    """Every stored column of ``obj``'s row, read afresh from the database."""
    return type(obj)._default_manager.filter(pk=obj.pk).values().get()


def rows_of(queryset) -> list[dict[str, Any]]:
    return list(queryset.order_by("pk").values())


def messages_of(response) -> list[str]:
    """The flash messages shown on a rendered page (the messages context processor)."""
    return [str(message) for message in response.context["messages"]]


def form_data(form: forms.BaseForm, **overrides: Any) -> dict[str, Any]:
    """POST data that submits ``form`` as a browser would from the page it rendered."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for index, (part, sub) in enumerate(zip(parts, widget.widgets, strict=False)):
                data[f"{bound.html_name}_{index}"] = _plain(part, sub)
            continue
        if isinstance(widget, forms.CheckboxInput) or isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
            continue
        if getattr(widget, "allow_multiple_selected", False) or isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value or ()]
            continue
        data[bound.html_name] = _plain(value, widget)
    data.update(overrides)
    return data


def _plain(value: Any, widget: forms.Widget) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date | datetime.time):
        return widget.format_value(value) or ""
    return str(value)


def admin_change_data(response, **overrides: Any) -> dict[str, Any]:
    """POST data for an admin change page: the main form and every inline formset, as
    rendered, with ``overrides`` applied to the main form."""
    context = response.context
    data = form_data(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for inline_form in formset.forms:
            data.update(form_data(inline_form))
    data.update(overrides)
    data["_save"] = "Save"
    return data
