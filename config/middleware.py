from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

# The visitor's language is chosen in minutes (its PDF middleware answers before this one);
# config imports the apps, never the reverse.
from minutes.publication.middleware import chosen_language

__all__ = [
    "DatabaseBusyMiddleware",
    "NulCharacterMiddleware",
    "PersianFirstLocaleMiddleware",
    "ProductErrorPagesInDebug",
    "chosen_language",
]

logger = logging.getLogger(__name__)


class ProductErrorPagesInDebug:
    """With DEBUG on (``make run``), «page not found» and «no access» are the product's own
    Persian pages (templates/404.html, 403.html, with a way back), not Django's English
    technical page that lists every URL. A crash still shows Django's debug page: that one
    helps the developer. With DEBUG off Django already uses the product's templates.

    Mixed into the locale middleware below, so the pages come in the visitor's language
    and MIDDLEWARE needs no new line.
    """

    def process_exception(self, request, exception):
        if not settings.DEBUG:
            return None
        if isinstance(exception, Http404):
            return render(request, "404.html", status=404)
        if isinstance(exception, PermissionDenied):
            return render(request, "403.html", status=403)
        return None

    @staticmethod
    def unresolved_path_page(request, response):
        # A path no URL pattern matches never reaches a view (nor process_exception).
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return render(request, "404.html", status=404)
        return response


class PersianFirstLocaleMiddleware(ProductErrorPagesInDebug):
    """Persian unless the visitor chose English with the language switch.

    Django's own LocaleMiddleware follows the browser's Accept-Language, which on many
    machines in municipal offices is English by default; this tool speaks Persian first and
    leaves English to an explicit choice (the language cookie set by the switch in the
    header). So pages vary by that cookie, not by Accept-Language, and files that do not
    depend on the language (PDFs, feeds' enclosures) do not vary at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path_info.startswith("/api/")
        translation.activate(api_language(request) if api else chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.unresolved_path_page(request, self.get_response(request))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ("Cookie",))
        if api:
            patch_vary_headers(response, ("Accept-Language",))
        return response


def api_language(request) -> str:
    """The API's language: the language cookie when the visitor chose one with the switch;
    else a client program's ``Accept-Language`` when its first choice is English
    (``en``, ``en-US``…); else Persian."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) in dict(settings.LANGUAGES):
        return chosen_language(request)
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    first = header.split(",", 1)[0].split(";", 1)[0].strip().lower()
    if first == "en" or first.startswith("en-"):
        return "en"
    return settings.LANGUAGE_CODE


NUL = "\x00"


def _refused(request, message, code: str, status: int) -> HttpResponse:
    """The answer for a request refused before or after its view: JSON in the API's one
    error shape under /api/, else the bare error page; in the request's language."""
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"detail": str(message), "code": code},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    # No request in the context: this may answer before authentication ran.
    return HttpResponse(render_to_string("400.html", {"message": message}), status=status)


class NulCharacterMiddleware:
    """A NUL character (``%00``) in the address or in a query parameter is a 400 with a
    Persian message, before any view: no text a person types holds one, PostgreSQL cannot
    store or compare it (its text fields refuse it, a server error otherwise) and SQLite
    would cut the value short. One rule for every page and every API operation; form and
    JSON fields are refused by Django's and DRF's own character fields, and anything that
    still reaches the database is answered by ``DatabaseBusyMiddleware`` (a DataError is a
    400) and the API's exception handler."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path_info.startswith("/api/")
        if NUL in request.path_info or any(
            NUL in name or any(NUL in value for value in values)
            for name, values in request.GET.lists()
        ):
            language = api_language(request) if api else chosen_language(request)
            with translation.override(language):
                message = _(
                    "نشانی یا یکی از پارامترهای آن نویسهٔ تهی (NUL، %00) دارد؛ آن را بردارید."
                )
                return _refused(request, message, "invalid", 400)
        return self.get_response(request)


class DatabaseBusyMiddleware:
    """A value the database refuses (DataError) that no validation caught is a 400 with a
    Persian message (JSON for the API), never a server error.

    A writer that waited its whole SQLite busy timeout for the lock (settings: the
    IMMEDIATE transactions and DJANGO_SQLITE_TIMEOUT) is told to come back — 503 with
    ``Retry-After`` and a Persian message (JSON for the API) — instead of a server error.
    Nothing was written: the transaction that could not take the lock never began."""

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import DataError, OperationalError

        if isinstance(exception, DataError):
            # A value the database cannot hold (a character its text type refuses, a number
            # beyond its column) that no validation caught: the request is refused, and the
            # transaction it was in has been rolled back.
            logger.warning("Database refused a value, answered 400: %s", exception)
            return _refused(
                request,
                _("پایگاه داده یکی از مقدارهای این درخواست را نپذیرفت؛ هیچ تغییری ذخیره نشد."),
                "invalid",
                400,
            )
        if not isinstance(exception, OperationalError):
            return None
        text = str(exception).lower()
        if "database is locked" not in text and "database table is locked" not in text:
            return None
        logger.warning("Database busy, answered 503: %s %s", request.method, request.path)
        message = _("سامانه هم‌اکنون سرگرم ثبت تغییر دیگری است؛ چند ثانیه بعد دوباره تلاش کنید.")
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"detail": str(message), "code": "database_busy"},
                status=503,
                json_dumps_params={"ensure_ascii": False},
            )
        else:
            response = HttpResponse(
                render_to_string("503.html", {"message": message}, request=request), status=503
            )
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response


PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), interest-cohort=()"
)


class PrivacyHeadersMiddleware:
    """Two headers Django does not set: a Permissions-Policy that gives no page a device or
    sensor, and ``Cache-Control: private, no-store`` on everything answered to a logged-in
    person (their pages, the page that shows their API token, API answers to a token) so no
    proxy or shared browser keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Only a user already looked up counts: reading request.user here would load the
        # session of a page that never used it (the liveness check reads no session).
        user = request.__dict__.get("user")
        if isinstance(user, SimpleLazyObject):
            user = request.__dict__.get("_cached_user")
        authenticated = bool(user is not None and user.is_authenticated)
        if not authenticated and request.headers.get("Authorization"):
            # DRF authenticates tokens in the view; a request that carried one is private.
            authenticated = True
        if authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
