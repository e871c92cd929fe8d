"""System checks of the minutes' publication settings (registered by minutes.apps)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def public_base_url_is_set(app_configs, **kwargs) -> list[Error]:
    """Every published PDF prints the address of its verification page; without an
    absolute base the printed address is a bare path no one can use from paper."""
    if not settings.PRODUCTION or settings.PUBLIC_BASE_URL:
        return []
    return [
        Error(
            "PUBLIC_BASE_URL is not set: published PDFs would print a verification address "
            "without a host, which no one can open from paper, and publishing is refused.",
            hint="Set PUBLIC_BASE_URL to the public address, e.g. https://media.rasht.ir",
            id="minutes.E001",
        )
    ]
