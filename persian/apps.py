"""Django application configuration for the Persian helpers."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersianConfig(AppConfig):
    """Registers the package so that ``{% load persian %}`` finds its template tags."""

    name = "persian"
    verbose_name = _("ابزارهای فارسی")
