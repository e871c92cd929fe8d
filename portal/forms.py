"""Forms of the public portal. Validation that decides what is stored lives in
portal.services (one place for the messages); these only carry the fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.services import COMMENT_MAX, NAME_MAX, REASON_MAX

COMMENT_RULES = _(
    "دیدگاه شما پس از بررسی دبیرخانه کمیته منتشر می‌شود. بنا بر ضوابط شهرداری، "
    "توهین یا اتهام به اشخاص، متن غیرفارسی و مطالب نامرتبط با این صورتجلسه منتشر نمی‌شود. "
    "متن ساده بنویسید (بدون برچسب HTML؛ نشانی پیوند به شکل متن ساده مجاز است)، "
    "حداکثر ۲۰۰۰ نویسه. نشانی رایانامه یا شماره تلفن ننویسید."
)


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("نام یا نام مستعار"),
        required=False,
        widget=forms.TextInput(
            attrs={"maxlength": NAME_MAX, "required": True, "autocomplete": "nickname"}
        ),
    )
    body = forms.CharField(
        label=_("متن دیدگاه"),
        required=False,
        help_text=COMMENT_RULES,
        widget=forms.Textarea(
            attrs={
                "rows": 5,
                "maxlength": COMMENT_MAX,
                "required": True,
                "aria-describedby": "comment-rules",
            }
        ),
    )
    # A trap for robots: hidden from people (and from assistive technology), so only a
    # program that fills every field fills it.
    website = forms.CharField(
        label=_("این خانه را خالی بگذارید"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_trap_filled(self) -> bool:
        return bool(self.data.get("website", "").strip())


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("علت منتشر نشدن"),
        required=False,
        help_text=_("این علت در سابقه بررسی دیدگاه‌ها نگه داشته می‌شود."),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": REASON_MAX, "required": True}),
    )
