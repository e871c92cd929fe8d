"""The ``{% load persian %}`` filters, rendered through real Django templates."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

DAY = datetime.date(2024, 4, 27)
MOMENT = datetime.datetime(2024, 3, 19, 21, 0, tzinfo=datetime.UTC)  # 00:30 in Tehran


def render(source: str, **context: object) -> str:
    return Template("{% load persian %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ day|jdate }}", "۸ اردیبهشت ۱۴۰۳"),
        ("{{ day|jdate_weekday }}", "شنبه ۸ اردیبهشت ۱۴۰۳"),
        ("{{ moment|jdatetime }}", "۱ فروردین ۱۴۰۳، ساعت ۰۰:۳۰"),
        ("{{ moment|jtime }}", "۰۰:۳۰"),
        ("{{ day|jdate_numeric }}", "۱۴۰۳/۰۲/۰۸"),
        ("{{ count|fa_digits }}", "۱۲۳۴"),
        ("{{ label|fa_digits }}", "جلسهٔ ۱۲"),
    ],
)
def test_filters_render_persian_when_persian_is_active(source, expected):
    with translation.override("fa"):
        assert render(source, day=DAY, moment=MOMENT, count=1234, label="جلسهٔ 12") == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ day|jdate }}", "8 Ordibehesht 1403"),
        ("{{ day|jdate_weekday }}", "Saturday, 8 Ordibehesht 1403"),
        ("{{ moment|jdatetime }}", "1 Farvardin 1403, 00:30"),
        ("{{ moment|jtime }}", "00:30"),
        ("{{ day|jdate_numeric }}", "1403/02/08"),
        ("{{ count|fa_digits }}", "1234"),
        ("{{ label|fa_digits }}", "Meeting 12"),
    ],
)
def test_filters_render_an_english_friendly_jalali_form_when_english_is_active(source, expected):
    with translation.override("en"):
        assert render(source, day=DAY, moment=MOMENT, count=1234, label="Meeting 12") == expected


@pytest.mark.parametrize("filter_name", ["jdate", "jdate_weekday", "jdatetime", "jtime"])
@pytest.mark.parametrize("value", [None, "", "not a date", 42])
def test_date_filters_render_nothing_for_blank_or_unusable_values(filter_name, value):
    assert render(f"{{{{ value|{filter_name} }}}}", value=value) == ""


def test_jdate_numeric_renders_nothing_for_none():
    assert render("{{ value|jdate_numeric }}", value=None) == ""


def test_fa_digits_renders_nothing_for_none_in_both_languages():
    assert render("{{ value|fa_digits }}", value=None) == ""
    with translation.override("en"):
        assert render("{{ value|fa_digits }}", value=None) == ""


def test_fa_digits_output_is_still_autoescaped():
    assert render("{{ value|fa_digits }}", value="<b>12</b>") == "&lt;b&gt;۱۲&lt;/b&gt;"


def test_fa_digits_leaves_the_markup_of_safe_html_alone():
    html = mark_safe("<h2 class='c1'>فصل 3 &#39;الف&#39;</h2>")
    assert render("{{ value|fa_digits }}", value=html) == (
        "<h2 class='c1'>فصل ۳ &#39;الف&#39;</h2>"
    )


def test_date_filters_escape_nothing_because_they_print_no_user_data():
    assert render("{{ day|jdate_weekday }}", day=DAY) == "شنبه ۸ اردیبهشت ۱۴۰۳"


def test_date_filters_read_iso_strings_from_stored_records():
    from django.template import Context, Template

    rendered = Template("{% load persian %}{{ d|jdate }}|{{ t|jdatetime }}|{{ bad|jdate }}").render(
        Context({"d": "2024-04-27", "t": "2024-04-27T06:30:00+00:00", "bad": "nonsense"})
    )
    assert rendered == "۸ اردیبهشت ۱۴۰۳|۸ اردیبهشت ۱۴۰۳، ساعت ۱۰:۰۰|"
