"""Rate limits: per client address for visitors, per account for logged-in users.

DRF's throttles read their rates once, when the class is defined; these read
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` on every request, so the settings (and a test's
override of them) always apply.
"""

from __future__ import annotations

from rest_framework import throttling
from rest_framework.settings import api_settings


class _CurrentRateMixin:
    scope: str

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(_CurrentRateMixin, throttling.AnonRateThrottle):
    """Visitors without credentials, counted by client address."""


class UserRateThrottle(_CurrentRateMixin, throttling.UserRateThrottle):
    """Authenticated users, counted by account (generous)."""
