from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PersianFirstLocaleMiddleware(LocaleMiddleware):
    """Persian unless the visitor chose English with the language switch.

    Django's own middleware follows the browser's Accept-Language, which on many machines in
    municipal offices is English by default; this tool speaks Persian first and leaves
    English to an explicit choice (the language cookie set by the switch in the header).
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
