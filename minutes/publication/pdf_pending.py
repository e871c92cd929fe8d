"""The answer for a published revision whose PDF the worker has not stored yet.

Publishing queues the rendering (minutes/tasks.py) and answers at once, so for a few
seconds (longer when the worker is stopped) the revision is public and its PDF is not: its
address answers «در حال تهیه PDF…», 503 with Retry-After, never a 404 that a visitor, a
feed reader or a crawler would take for a missing document.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# About one rendering (2–3 s) plus the worker's polling interval, with room to spare.
RETRY_AFTER_SECONDS = 10


class PdfPending(Exception):
    """The revision is published; its PDF is not stored yet."""

    def __init__(self, document_id: str) -> None:
        super().__init__(document_id)
        self.document_id = document_id


def pdf_pending_response(request: HttpRequest, document_id: str) -> HttpResponse:
    response = render(request, "minutes/pdf_pending.html", {"document_id": document_id}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Not a copy for shared caches to keep: the real file comes in a moment.
    response["Cache-Control"] = "no-store"
    return response
