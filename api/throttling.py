"""Rate limits: per client address for visitors, per account for logged-in users, and per
username asked for at the token endpoint.

The client address is :func:`committee.access.client_address` — ``X-Forwarded-For`` is read
only behind ``DJANGO_TRUSTED_PROXY_COUNT`` trusted proxies, so a client cannot dodge a limit
by sending the header itself. The counters live in the default cache (``DJANGO_CACHE_URL``).

DRF's throttles read their rates once, when the class is defined; these read
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` on every request, so the settings (and a test's
override of them) always apply.
"""

from __future__ import annotations

from rest_framework import throttling
from rest_framework.settings import api_settings

from committee.access import client_address


class _CurrentRateMixin:
    scope: str

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request) -> str:
        return client_address(request._request if hasattr(request, "_request") else request)


class AnonRateThrottle(_CurrentRateMixin, throttling.AnonRateThrottle):
    """Visitors without credentials, counted by client address."""


class UserRateThrottle(_CurrentRateMixin, throttling.UserRateThrottle):
    """Authenticated users, counted by account (generous)."""


class TokenUsernameThrottle(_CurrentRateMixin, throttling.SimpleRateThrottle):
    """Asking for a token, counted by the username asked for, whatever the address: guessing
    one account's password from many addresses is slowed too (django-axes then locks the
    account after a few failures)."""

    scope = "token"

    def get_cache_key(self, request, view):
        if request.method != "POST":
            return None
        data = request.data if isinstance(request.data, dict) else {}
        username = str(data.get("username", "")).strip().casefold()
        if not username:
            return None
        return self.cache_format % {"scope": self.scope, "ident": username[:150]}
