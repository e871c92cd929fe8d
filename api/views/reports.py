"""The public reports (docs/reports.md) as JSON: the committee's scoreboard and one
responsible organisation's record, for a Jalali period, public like the pages."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from api.permissions import ReadOnly
from api.views.base import BaseAPIView
from committee.models import Committee
from portal import reports, views_reports

DEFINITIONS = " ".join(f"• {d}" for d in reports.DEFINITIONS)

_FIGURES = inline_serializer(
    "ReportFigures",
    {
        "key": serializers.CharField(
            allow_null=True, help_text="The organisation's or workgroup's id, or the person."
        ),
        "name": serializers.CharField(),
        **{
            name: serializers.IntegerField(help_text=str(reports.FIELD_LABELS[name]))
            for name in reports.COUNT_FIELDS
        },
        "on_time_share": serializers.IntegerField(
            allow_null=True, help_text=str(reports.FIELD_LABELS["on_time_share"])
        ),
        **{
            name: serializers.FloatField(allow_null=True, help_text=str(reports.FIELD_LABELS[name]))
            for name in reports.DAY_FIELDS
        },
    },
)
_PERIOD = inline_serializer(
    "ReportPeriod",
    {
        "kind": serializers.ChoiceField(choices=reports.PERIOD_KINDS),
        "label": serializers.CharField(),
        "since": serializers.DateField(),
        "until": serializers.DateField(),
        "since_jalali": serializers.CharField(),
        "until_jalali": serializers.CharField(),
    },
)
_PRESS = inline_serializer(
    "ReportPressFigures",
    {
        "key": serializers.IntegerField(allow_null=True),
        "name": serializers.CharField(),
        "asked": serializers.IntegerField(),
        "accepted": serializers.IntegerField(),
        "answered": serializers.IntegerField(),
        "median_days": serializers.FloatField(allow_null=True),
        "p90_days": serializers.IntegerField(allow_null=True),
    },
)
_MONTH = inline_serializer(
    "ReportMonth",
    {
        "year": serializers.IntegerField(),
        "month": serializers.IntegerField(),
        "label": serializers.CharField(),
        "taken": serializers.IntegerField(allow_null=True),
        "done": serializers.IntegerField(allow_null=True),
        "overdue": serializers.IntegerField(
            allow_null=True, help_text="Overdue at the month's end (today for this month)."
        ),
    },
)
_STRINGS = serializers.ListField(child=serializers.CharField())

PERIOD_PARAMETERS = [
    OpenApiParameter("period", OpenApiTypes.STR, enum=list(reports.PERIOD_KINDS)),
    OpenApiParameter("year", OpenApiTypes.INT, description="Jalali year (default: this one)"),
    OpenApiParameter("month", OpenApiTypes.INT, description="1–12, with period=month"),
    OpenApiParameter("season", OpenApiTypes.INT, description="1–4, with period=season"),
    OpenApiParameter("since", OpenApiTypes.STR, description="Jalali date, period=range"),
    OpenApiParameter("until", OpenApiTypes.STR, description="Jalali date, period=range"),
]


def _period(request) -> reports.Period:
    try:
        return reports.parse_period(request.query_params)
    except reports.PeriodError as error:
        raise ValidationError({"period": [error.message]}) from error


PERIOD_NAMES = {parameter.name for parameter in PERIOD_PARAMETERS}


class CommitteeReportView(BaseAPIView):
    permission_classes = [ReadOnly]
    query_parameters = {"get": PERIOD_NAMES | {"body", "district"}}

    @extend_schema(
        summary="The committee's scoreboard: how each organisation carries out its decisions",
        description=(
            "The figures of /committee/<slug>/report/ for a Jalali period (this year by "
            "default): the whole committee, every responsible organisation, every workgroup, "
            "the monthly trend and journalists' questions. Definitions: " + DEFINITIONS
        ),
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter(
                "body", OpenApiTypes.STR, description="A workgroup's slug, or «committee»"
            ),
            OpenApiParameter(
                "district",
                OpenApiTypes.INT,
                description=(
                    "One of the committee's city districts (its id): every figure counts only "
                    "the decisions that name it; `districts` is always by district."
                ),
            ),
        ],
        responses={
            200: inline_serializer(
                "CommitteeReport",
                {
                    "committee": serializers.CharField(),
                    "body": serializers.CharField(allow_null=True),
                    "period": _PERIOD,
                    "definitions": _STRINGS,
                    "press_definition": serializers.CharField(),
                    "totals": _FIGURES,
                    "organizations": _FIGURES.__class__(many=True),
                    "workgroups": _FIGURES.__class__(many=True),
                    "district": serializers.IntegerField(allow_null=True),
                    "districts": _FIGURES.__class__(many=True),
                    "months": _MONTH.__class__(many=True),
                    "press_workgroups": _PRESS.__class__(many=True),
                    "press_organizations": _PRESS.__class__(many=True),
                },
            )
        },
        tags=["reports"],
    )
    def get(self, request, slug: str):
        committee = get_object_or_404(Committee, slug=slug)
        period = _period(request)
        try:
            body = views_reports._body(request, committee)
        except Http404 as error:
            raise NotFound(str(error)) from error
        try:
            district = views_reports.parse_district(request.query_params, committee)
        except views_reports.DistrictError as error:
            raise ValidationError({"district": [error.message]}) from error
        return Response(views_reports.committee_report_data(committee, period, body, district))


class OrganizationReportView(BaseAPIView):
    permission_classes = [ReadOnly]
    query_parameters = {"get": PERIOD_NAMES}

    @extend_schema(
        summary="One responsible organisation's record",
        description=(
            "The figures of /committee/<slug>/organizations/<id>/ for a Jalali period: the "
            "organisation's and each responsible person's. Definitions: " + DEFINITIONS
        ),
        parameters=PERIOD_PARAMETERS,
        responses={
            200: inline_serializer(
                "OrganizationReport",
                {
                    "committee": serializers.CharField(),
                    "organization": inline_serializer(
                        "ReportOrganization",
                        {"id": serializers.IntegerField(), "name": serializers.CharField()},
                    ),
                    "period": _PERIOD,
                    "definitions": _STRINGS,
                    "totals": _FIGURES,
                    "people": _FIGURES.__class__(many=True),
                    "page": serializers.CharField(),
                },
            )
        },
        tags=["reports"],
    )
    def get(self, request, slug: str, pk: int):
        committee = get_object_or_404(Committee, slug=slug)
        period = _period(request)
        try:
            data = views_reports.organization_report_data(committee, pk, period)
        except Http404 as error:
            raise NotFound(str(error)) from error
        return Response(data)
