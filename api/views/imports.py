"""``POST /api/v1/imports/``: a committee's past from a spreadsheet or a JSON document of
the API's own shapes, as ``manage.py import_minutes`` and the secretariat's upload page do
(minutes/importer.py, docs/import.md); optionally published once imported."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from api.permissions import AuthenticatedOnly
from api.views.base import BaseAPIView
from committee.models import Committee
from minutes import importer, policy


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="An XLSX workbook (sheets meetings, attendance, agenda, decisions), a "
        'meetings CSV, or a JSON document of the API\'s shapes ({"meetings": [...]}), up to '
        "10 MB, told apart by content; the layouts are docs/import.md."
    )
    committee = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Committee.objects.all(),
        required=False,
        help_text="The committee's slug (needed when there are several).",
    )
    dry_run = serializers.BooleanField(
        default=False, help_text="Check and show what would be created; write nothing."
    )
    publish = serializers.BooleanField(
        default=False,
        help_text="Once the import has committed, submit, approve and publish each meeting's "
        "minutes as the caller (each step needs the caller's own right to it); the PDFs are "
        "rendered by the worker. A refusal leaves that meeting's minutes a draft and is "
        "listed in `unpublished`.",
    )


class ImportProblemSerializer(serializers.Serializer):
    sheet = serializers.CharField()
    sheet_name = serializers.CharField(help_text="The sheet's Persian name.")
    row = serializers.IntegerField(
        help_text="As numbered in the spreadsheet (header: 1); in JSON, the record's position."
    )
    column = serializers.CharField(allow_blank=True, help_text="In JSON, the field's name.")
    message = serializers.CharField()
    location = serializers.CharField(
        allow_blank=True,
        help_text="In a JSON document, the place: meetings[3].agenda[1].decisions[0].deadline "
        "(empty for a spreadsheet).",
    )
    text = serializers.CharField(help_text="Sheet, row, column and message in one sentence.")


class PlannedMeetingSerializer(serializers.Serializer):
    key = serializers.CharField()
    number = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField()
    starts_at = serializers.DateTimeField()
    agenda = serializers.IntegerField()
    attendance = serializers.IntegerField()
    decisions = serializers.IntegerField()


class ImportCountsSerializer(serializers.Serializer):
    meetings = serializers.IntegerField()
    attendance = serializers.IntegerField()
    agenda = serializers.IntegerField()
    decisions = serializers.IntegerField()


class UnpublishedSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The meeting's key (in JSON, its place).")
    id = serializers.IntegerField(help_text="The imported meeting's id.")
    title = serializers.CharField()
    message = serializers.CharField(help_text="Why its publication was refused.")
    text = serializers.CharField()


class ImportReportSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    source = serializers.ChoiceField(choices=["sheets", "json"])
    written = serializers.BooleanField()
    counts = ImportCountsSerializer()
    problems = ImportProblemSerializer(many=True)
    meetings = PlannedMeetingSerializer(many=True)
    created = serializers.ListField(child=serializers.IntegerField())
    published = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids of the meetings published."
    )
    unpublished = UnpublishedSerializer(many=True)


class ImportView(BaseAPIView):
    permission_classes = [AuthenticatedOnly]
    parser_classes = [MultiPartParser]
    http_method_names = ["post", "options"]

    @extend_schema(
        summary="Import past meetings from a spreadsheet or JSON (secretariat, superuser)",
        description=(
            "multipart/form-data: `file` (XLSX, CSV, or a JSON document of this API's shapes "
            '`{"meetings": [{..., "attendance": [...], "agenda": [{..., "decisions": '
            "[...]}]}]}`, told apart by content; docs/import.md; the template is at "
            "/meetings/import/template.xlsx and the JSON example at "
            "/meetings/import/example.json), `committee` (slug), `dry_run` and `publish`. "
            "The whole file is checked first; every problem is reported with its sheet, row "
            "and column, or in JSON its `location` "
            "(`meetings[0].agenda[1].decisions[0].deadline`) (400, `code` `import_problems`, "
            "nothing written). A JSON document that cannot be read (a syntax error, not "
            '`{"meetings": [...]}`, too deep, over 10 MB) is a 400 on `file`. Otherwise the '
            "meetings are written in one transaction as registered after the fact, with "
            "their attendance, agenda and decisions (200 with `written` true and the new "
            "meetings' ids); a dry run answers what would be created and writes nothing. "
            "The minutes are drafts: submit, approve and publish them as any minutes — or "
            "pass `publish` true: once the import has committed, each meeting's minutes are "
            "submitted, approved and published as the caller, whose rights decide each step "
            "(approving is the chair's or a superuser's, publishing the secretariat's); a "
            "meeting refused stays imported as a draft and is listed in `unpublished` with "
            "the reason, the others in `published`."
        ),
        request={"multipart/form-data": ImportRequestSerializer},
        responses={
            200: ImportReportSerializer,
            415: OpenApiResponse(description="The body is not multipart/form-data."),
        },
        examples=[
            OpenApiExample(
                "A dry run",
                value={
                    "dry_run": True,
                    "source": "sheets",
                    "written": False,
                    "counts": {"meetings": 1, "attendance": 2, "agenda": 1, "decisions": 1},
                    "problems": [],
                    "meetings": [
                        {
                            "key": "m1",
                            "number": 7,
                            "title": "جلسه بررسی آب‌گرفتگی معابر",
                            "body": "کمیته رسانه",
                            "starts_at": "2018-05-05T10:00:00+04:30",
                            "agenda": 1,
                            "attendance": 2,
                            "decisions": 1,
                        }
                    ],
                    "created": [],
                    "published": [],
                    "unpublished": [],
                },
                response_only=True,
            )
        ],
    )
    def post(self, request):
        serializer = ImportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        committee = data.get("committee")
        if committee is None:
            committees = list(Committee.objects.all()[:2])
            if len(committees) != 1:
                raise serializers.ValidationError(
                    {"committee": [_("کمیته را با نامک آن تعیین کنید.")]}
                )
            committee = committees[0]
        self.forbid(committee)
        try:
            report = importer.import_upload(
                request.user,
                committee,
                data["file"],
                dry_run=data["dry_run"],
                publish=data["publish"] and not data["dry_run"],
            )
        except importer.ImportFileError as error:
            raise serializers.ValidationError({"file": [str(error)]}) from None
        body = importer.report_data(report, dry_run=data["dry_run"])
        if report.problems:
            return Response(
                {
                    "code": "import_problems",
                    "detail": _("%(count)s ایراد؛ هیچ چیز ثبت نشد.")
                    % {"count": len(report.problems)},
                    **ImportReportSerializer(body).data,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(ImportReportSerializer(body).data)

    def forbid(self, committee: Committee) -> None:
        from rest_framework.exceptions import PermissionDenied

        if not policy.can_schedule(self.request.user, committee):
            raise PermissionDenied(_("گذشته کمیته را فقط دبیرخانه آن یا مدیر سامانه وارد می‌کند."))
