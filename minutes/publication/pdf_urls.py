"""Routes of the minutes PDF: public download, verification, and the draft preview.

Included at the root of config/urls.py, before minutes.urls.
"""

from django.urls import path, register_converter

from minutes.publication import pdf_views


class DocumentIdConverter:
    """A document identifier such as RASHT-WG2-1403-003-R1 (ASCII letters, digits, "-")."""

    regex = r"[A-Za-z0-9][A-Za-z0-9-]{0,63}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DocumentIdConverter, "minutes_document_id")

urlpatterns = [
    path(
        "minutes/<minutes_document_id:document_id>.pdf",
        pdf_views.minutes_pdf,
        name="minutes_pdf",
    ),
    path(
        "minutes/<int:minutes_id>/preview.pdf",
        pdf_views.minutes_draft_preview,
        name="minutes_draft_preview",
    ),
    path("verify/", pdf_views.minutes_verify, name="minutes_verify"),
    path(
        "verify/<minutes_document_id:document_id>/",
        pdf_views.minutes_verify_document,
        name="minutes_verify_document",
    ),
]
