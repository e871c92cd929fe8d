"""Who is knocking, and the answer to one who knocked too often.

* :func:`client_address` is the one definition of a request's client address, used by every
  limit: failed logins (django-axes, ``AXES_CLIENT_IP_CALLABLE``), the API's throttles and
  the portal's comment limit. Behind ``DJANGO_TRUSTED_PROXY_COUNT`` reverse proxies that each
  append the address they received from to ``X-Forwarded-For`` (nginx:
  ``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;``), the client is the entry
  that many places from the right — the one the outermost trusted proxy wrote; entries a
  client wrote itself stand to its left and are never read. With no trusted proxy (the
  default) the header is ignored and the connecting address is the client.
* :func:`locked_out` answers a login refused by django-axes (too many failed passwords for
  that account or from that address): a Persian page, or JSON for the API, status 429, saying
  when to try again, with ``Retry-After``. The attempts are listed in the admin («Access
  attempts»), where the secretariat's administrator can also lift a lockout.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.views import PasswordResetView
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from persian.digits import localized_digits


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count <= 0 or not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    if not entries:
        return remote
    return entries[-min(count, len(entries))]


def _cool_off() -> datetime.timedelta:
    return settings.AXES_COOLOFF_TIME


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    cool_off = _cool_off()
    until = timezone.localtime(timezone.now() + cool_off)
    minutes = max(1, round(cool_off.total_seconds() / 60))
    message = _(
        "به دلیل چند تلاش ناموفق پیاپی، ورود با این حساب یا از این نشانی موقتاً بسته شد. "
        "پس از ساعت %(time)s (حدود %(minutes)s دقیقهٔ دیگر) دوباره تلاش کنید؛ اگر گذرواژه را "
        "فراموش کرده‌اید، از «بازیابی گذرواژه» استفاده کنید."
    ) % {
        "time": localized_digits(until.strftime("%H:%M")),
        "minutes": localized_digits(minutes),
    }
    if request.path.startswith("/api/"):
        answer: HttpResponse = JsonResponse(
            {"detail": message, "code": "locked_out"},
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        answer = render(request, "registration/locked_out.html", {"message": message}, status=429)
    answer["Retry-After"] = str(int(cool_off.total_seconds()))
    return answer


# --- Password reset, limited --------------------------------------------------------------


def _spend(key: str, limit: int) -> bool:
    """Count one request against an hourly ``limit``; False when it is already used up."""
    from django.core.cache import cache

    cache.add(key, 0, timeout=3600)
    try:
        spent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        spent = 1
    return spent <= limit


class LimitedPasswordResetView(PasswordResetView):
    """Django's password reset, with at most PASSWORD_RESET_PER_EMAIL_PER_HOUR emails to one
    address and PASSWORD_RESET_PER_ADDRESS_PER_HOUR requests from one client address an hour
    (in the shared cache). Whether an account has the address is never told."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().casefold()
        by_address = _spend(
            f"password-reset:address:{client_address(self.request)}",
            settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR,
        )
        by_email = by_address and _spend(
            f"password-reset:email:{email}", settings.PASSWORD_RESET_PER_EMAIL_PER_HOUR
        )
        if not (by_address and by_email):
            form.add_error(
                None,
                _(
                    "درخواست بازیابی گذرواژه برای این نشانی یا از این رایانه بیش از اندازه "
                    "بوده است؛ یک ساعت دیگر دوباره تلاش کنید."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = "3600"
            return response
        return super().form_valid(form)
