"""Quorum (حد نصاب): how many of a body's permanent members must be present.

A body (the committee, or a workgroup) keeps its rule as a short text: empty for the
default — more than half of the permanent members on the meeting day — a whole number
(«۷»: at least seven members), or a fraction («۲/۳»: at least two thirds). Digits may be
typed in Persian, Arabic-Indic or Latin.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from persian.digits import localized_digits, to_latin_digits

_NUMBER = re.compile(r"^\d{1,3}$")
_FRACTION = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})$")

HELP_TEXT = _(
    "خالی: بیش از نیمی از اعضای ثابت؛ یک عدد (مانند ۷): دست‌کم این تعداد؛ "
    "یک کسر (مانند ۲/۳): دست‌کم این نسبت از اعضای ثابت."
)


def _parse(rule: str) -> int | Fraction | None:
    text = to_latin_digits(rule or "").strip()
    if not text:
        return None
    if _NUMBER.match(text):
        count = int(text)
        if count < 1:
            raise ValidationError(_("حد نصاب دست‌کم یک نفر است."))
        return count
    match = _FRACTION.match(text)
    if match:
        numerator, denominator = int(match[1]), int(match[2])
        if denominator == 0 or not 0 < numerator <= denominator:
            raise ValidationError(_("کسر حد نصاب باید میان صفر و یک باشد، مانند ۲/۳."))
        return Fraction(numerator, denominator)
    raise ValidationError(
        _("حد نصاب را خالی بگذارید، یا یک عدد (مانند ۷) یا یک کسر (مانند ۲/۳) بنویسید.")
    )


def validate_rule(rule: str) -> None:
    _parse(rule)


def normalize_rule(rule: str) -> str:
    """The rule as stored: Latin digits, no spaces."""
    return re.sub(r"\s+", "", to_latin_digits(rule or ""))


def required(rule: str, members: int) -> int:
    """How many members must be present for a body of ``members`` permanent members."""
    parsed = _parse(rule)
    if parsed is None:
        return members // 2 + 1
    if isinstance(parsed, int):
        return parsed
    return max(1, math.ceil(parsed * members))


@dataclass(frozen=True)
class Quorum:
    """The quorum of one meeting: ``present`` of ``members`` permanent members attended,
    ``required`` were needed. ``met`` is None when the body had no permanent members on
    record for that day (a meeting registered from a paper archive, for instance)."""

    members: int
    present: int
    required: int

    @property
    def met(self) -> bool | None:
        if self.members == 0:
            return None
        return self.present >= self.required

    def as_dict(self) -> dict[str, int | bool | None]:
        return {
            "members": self.members,
            "present": self.present,
            "required": self.required,
            "met": self.met,
        }


def describe(quorum: Mapping[str, Any] | None) -> str:
    """The quorum line of the minutes: «حد نصاب: ۶ نفر از ۹ عضو ثابت حاضر — جلسه رسمی است»."""
    if not quorum:
        return ""
    if quorum.get("met") is None:
        return str(
            _(
                "حد نصاب: اعضای ثابت این نهاد در تاریخ جلسه در سامانه ثبت نشده‌اند؛ "
                "رسمیت جلسه از روی سامانه معلوم نیست."
            )
        )
    numbers = {
        "present": localized_digits(quorum["present"]),
        "members": localized_digits(quorum["members"]),
        "required": localized_digits(quorum["required"]),
    }
    if quorum["met"]:
        text = _(
            "حد نصاب: %(present)s نفر از %(members)s عضو ثابت حاضر — جلسه رسمی است "
            "(حد لازم: %(required)s نفر)"
        )
    else:
        text = _(
            "حد نصاب: %(present)s نفر از %(members)s عضو ثابت حاضر — جلسه رسمی نیست "
            "(حد لازم: %(required)s نفر)"
        )
    return str(text) % numbers


def describe_ahead(quorum: Mapping[str, Any]) -> str:
    """The quorum line of a meeting whose attendance is not recorded yet (scheduled): what
    it will need, not a verdict «جلسه رسمی نیست» on a meeting that has not been held."""
    if quorum.get("met") is None:
        return describe(quorum)
    return str(_("حد نصاب: %(required)s نفر از %(members)s عضو ثابت؛ حضور هنوز ثبت نشده است.")) % {
        "required": localized_digits(quorum["required"]),
        "members": localized_digits(quorum["members"]),
    }


def lacks_quorum(quorum: Mapping[str, Any] | None) -> bool:
    return quorum is not None and quorum.get("met") is False
