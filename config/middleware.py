from __future__ import annotations

from django.utils import translation
from django.utils.cache import patch_vary_headers

# The visitor's language is chosen in minutes (its PDF middleware answers before this one);
# config imports the apps, never the reverse.
from minutes.middleware import chosen_language

__all__ = ["PersianFirstLocaleMiddleware", "chosen_language"]


class PersianFirstLocaleMiddleware:
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
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ("Cookie",))
        return response
