"""Validators of user-typed text, used on the models' fields (so the forms, the admin, the
API and the services' model validation all apply them)."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Formatting characters Persian needs (ZWNJ, the bidi marks) are category Cf, not Cc: kept.


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in value)


def validate_one_line(value: str) -> None:
    """A title, a place or a name is one line: a line break, a tab or another control
    character would break the calendar files, email subjects and CSV rows it goes into."""
    if value and has_control_characters(value):
        raise ValidationError(
            _("این مقدار باید یک سطر باشد؛ شکست سطر، Tab و نویسه‌های کنترلی پذیرفته نیست."),
            code="control_character",
        )
