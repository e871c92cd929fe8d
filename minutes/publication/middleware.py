"""Published PDFs served early in the middleware stack, as static files are."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import Http404
from django.utils import translation

PDF_PATH = re.compile(r"^/minutes/(?P<document_id>[A-Za-z0-9][A-Za-z0-9-]{0,63})\.pdf$")


def chosen_language(request) -> str:
    """The language of the visitor's cookie when it is one of ours, else Persian."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class PublishedPdfMiddleware:
    """A published revision's PDF is an immutable public file. Like whitenoise for static
    files, this answers ``GET``/``HEAD /minutes/<document id>.pdf`` (minutes.publication.pdf_views.
    minutes_pdf, with its ETag, 304 and file name) right after the security and static
    middleware, without the session, authentication, CSRF and messages middleware, which a
    download does not use. Anything else, a 404 included (so that it gets the site's
    page), goes down the usual stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = PDF_PATH.match(request.path_info)
        if match is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        from minutes.publication.pdf_views import (
            minutes_pdf,  # loads the renderer; on first use only
        )

        language = chosen_language(request)
        with translation.override(language):
            try:
                response = minutes_pdf(request, match["document_id"])
            except Http404:
                return self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
