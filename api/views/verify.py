"""``POST /api/v1/verify/``: the verification page's check of an uploaded PDF, as JSON.

Open to anyone (no authentication, visitors' rate limit), with the page's size limit
(minutes.publication.pdf_views.max_upload_bytes). Like the page, the upload is hashed while it
streams in and held in memory for the seal check; it is never written anywhere.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from api.views.base import BaseAPIView
from minutes.publication import pdf_views


class VerifyUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The PDF to check (multipart/form-data).")


class SealSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["signed", "unsigned", "unreadable", "broken"],
        help_text="signed: a signature was found and evaluated (see the other fields); "
        "unsigned: a PDF without signature; unreadable: not a readable PDF; broken: a "
        "signature too damaged to evaluate.",
    )
    intact = serializers.BooleanField(help_text="The signed bytes are unchanged.")
    signer = serializers.CharField(help_text="The signing certificate's subject (CN).")
    signed_at = serializers.DateTimeField(
        allow_null=True,
        help_text="The timestamp token's time when timestamped, else the signer's claim.",
    )
    timestamped = serializers.BooleanField(help_text="An RFC 3161 signature timestamp.")
    trusted = serializers.BooleanField(
        help_text="The certificate chain leads to this installation's trust roots."
    )
    modified_after_signing = serializers.BooleanField(
        allow_null=True, help_text="Anything was appended after the signed revision."
    )
    appended = serializers.CharField(
        help_text='"none"; "no-content-change" (only validation data, a document '
        'timestamp or metadata were added); "changes"; "" without a signature.'
    )
    certification = serializers.BooleanField(
        help_text="A certification signature with DocMDP no changes allowed."
    )
    docmdp_ok = serializers.BooleanField(allow_null=True)
    level = serializers.CharField(help_text='PAdES level: "B-B", "B-T", "B-LT", "B-LTA" or "".')
    demo = serializers.BooleanField(help_text="Signed with the demo certificate.")
    ok = serializers.BooleanField(help_text="Intact, trusted, nothing changed after signing.")


class VerifyResultSerializer(serializers.Serializer):
    matches_document_id = serializers.CharField(
        allow_null=True, help_text="The published document that is byte-for-byte this file."
    )
    stored_sha256_match = serializers.BooleanField(
        help_text="The file's SHA-256 equals a published revision's stored one."
    )
    sha256 = serializers.CharField()
    latest_document_id = serializers.CharField(
        allow_null=True, help_text="The latest revision, when the match was corrected since."
    )
    signature = SealSerializer()


def _seal_json(report) -> dict:
    return {
        "status": report.status,
        "intact": report.intact,
        "signer": report.signer,
        "signed_at": report.signed_at.isoformat() if report.signed_at else None,
        "timestamped": report.timestamped,
        "trusted": report.trusted,
        "modified_after_signing": report.modified_after_signing,
        "appended": report.appended,
        "certification": bool(report.certification and report.no_changes_allowed),
        "docmdp_ok": report.docmdp_ok,
        "level": report.level,
        "demo": report.demo,
        "ok": report.ok,
    }


class VerifyView(BaseAPIView):
    # Anyone may check a file; no credentials are read (nor a CSRF token needed), and
    # visitors' throttling applies.
    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser]
    http_method_names = ["post", "options"]

    @extend_schema(
        summary="Check a PDF: byte-for-byte against the published copies, and its seal",
        description=(
            "Upload the file as multipart/form-data field `file` (at most the verification "
            "page's limit, 20 MB by default). The answer says which published document the "
            "file is byte for byte, and what its digital seal says: intact, signer, time "
            "(timestamp or claimed), trusted chain, anything appended after signing, PAdES "
            "level, demo certificate. Validation is offline. Nothing is stored."
        ),
        request={"multipart/form-data": VerifyUploadSerializer},
        responses={
            200: VerifyResultSerializer,
            413: OpenApiResponse(description="The file is larger than the limit."),
            415: OpenApiResponse(description="The body is not multipart/form-data."),
        },
        auth=[],
        tags=["verify"],
    )
    def post(self, request):
        if pdf_views._upload_too_large(request._request):
            return self._too_large()
        handler = pdf_views.HashingUploadHandler(
            request._request, max_bytes=pdf_views.max_upload_bytes()
        )
        request._request.upload_handlers = [handler]
        upload = request.data.get("file") if hasattr(request.data, "get") else None
        if handler.too_large:
            return self._too_large()
        if not isinstance(upload, pdf_views.HashedUpload):
            raise ValidationError({"file": [_("فایلی با نام file بارگذاری نشده است.")]})
        result = pdf_views.check_upload(upload)
        data = {
            "matches_document_id": result.match.document_id if result.match else None,
            "stored_sha256_match": result.match is not None,
            "sha256": result.sha256,
            "latest_document_id": result.latest.document_id if result.latest else None,
            "signature": _seal_json(result.seal.report),
        }
        return Response(data)

    def _too_large(self) -> Response:
        limit = round(pdf_views.max_upload_bytes() / (1024 * 1024))
        return Response(
            {
                "detail": _("حجم فایل بیش از حد مجاز (%(limit)s مگابایت) است.") % {"limit": limit},
                "code": "too_large",
            },
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
