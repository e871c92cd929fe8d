"""System checks of the seal's configuration (registered by minutes.apps)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security, deploy=True)
def seal_is_configured(app_configs, **kwargs) -> list[Error]:
    """Production seals published minutes with the municipality's certificate, never with
    the demo one: DJANGO_SIGNING_P12 must be set and open with its passphrase."""
    from minutes.publication import signing

    if not settings.PRODUCTION and not settings.SIGNING_P12:
        return []
    if not settings.SIGNING_P12:
        return [
            Error(
                "DJANGO_SIGNING_P12 is not set: published minutes could not be sealed (the "
                "demo certificate is never used in production), so publishing would fail.",
                hint="Set DJANGO_SIGNING_P12 to the seal's PKCS#12 file and "
                "DJANGO_SIGNING_PASSPHRASE to its passphrase; see docs/pdf.md.",
                id="minutes.E010",
            )
        ]
    try:
        signing.seal_key()
    except ImproperlyConfigured as exc:
        return [
            Error(
                f"The seal certificate cannot be used: {exc}",
                hint="Check DJANGO_SIGNING_P12, DJANGO_SIGNING_PASSPHRASE and "
                "DJANGO_SIGNING_TRUST_ROOTS; see docs/pdf.md.",
                id="minutes.E011",
            )
        ]
    return []
