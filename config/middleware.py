from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

# The visitor's language is chosen in minutes (its PDF middleware answers before this one);
# config imports the apps, never the reverse.
from minutes.middleware import chosen_language

__all__ = ["PersianFirstLocaleMiddleware", "ProductErrorPagesInDebug", "chosen_language"]


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
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.unresolved_path_page(request, self.get_response(request))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ("Cookie",))
        return response
