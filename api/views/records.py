"""Decisions (with their follow-up) and minutes (with their revisions and workflow)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from api import examples
from api.filters import DecisionFilter, MinutesFilter, date_parameter
from api.pagination import DecisionPagination, MinutesPagination
from api.permissions import ReadAnyoneWriteAuthenticated
from api.serializers import read, write
from api.views import querysets
from api.views.base import BaseViewSet, CachedListModelMixin
from minutes import policy, services
from minutes.models import Decision, Minutes

BODY_PARAMETER = OpenApiParameter(
    "body",
    str,
    description="A workgroup's slug, or `committee` for the meetings of the whole committee.",
)
COMMITTEE_PARAMETER = OpenApiParameter("committee", str, description="A committee's slug.")


@extend_schema_view(
    list=extend_schema(
        summary="Decisions, with their follow-up",
        description=(
            "For everyone, the public decisions of the latest published revision of each "
            "meeting's minutes, as published (`published` true), with the live status and "
            "follow-ups; for members and roles, the live decisions of meetings internal to "
            "them (drafts included). A decision added or changed in an open correction is "
            "public only once the correction is published."
        ),
        parameters=[
            BODY_PARAMETER,
            COMMITTEE_PARAMETER,
            OpenApiParameter(
                "status",
                str,
                enum=[*Decision.Status.values, "overdue"],
                description="The current status, or `overdue`.",
            ),
            date_parameter("since", "Decisions whose deadline is on or after this day"),
            date_parameter("until", "Decisions whose deadline is on or before this day"),
        ],
    ),
    retrieve=extend_schema(summary="A decision"),
)
class DecisionViewSet(
    CachedListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, BaseViewSet
):
    permission_classes = [ReadAnyoneWriteAuthenticated]
    pagination_class = DecisionPagination
    read_serializer_class = read.DecisionSerializer
    filterset_class = DecisionFilter
    query_parameters = {"destroy": {"expected_version"}}
    input_serializers = {
        "partial_update": write.DecisionUpdateSerializer,
        "follow_ups": write.FollowUpCreateSerializer,
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema: the model, no query
            return Decision.objects.none()
        return querysets.decisions(self.visibility)

    def _recordable(self) -> Decision:
        decision = self.get_object()
        self.forbid_unless(
            policy.can_record(self.request.user, decision.meeting),
            _("فقط رییس کارگروه مصوبات را ثبت می‌کند."),
        )
        return decision

    @extend_schema(
        summary="Change a decision (the chair, while the minutes are a draft)",
        request=write.DecisionUpdateSerializer,
        responses={200: read.DecisionSerializer},
    )
    def partial_update(self, request, pk=None):
        decision = self._recordable()
        serializer = self.validated(meeting=decision.meeting)
        services.update_decision(
            request.user,
            decision,
            expected_version=serializer.validated_data["expected_version"],
            voters=serializer.voters(),
            **serializer.service_fields(),
        )
        return self.respond(decision)

    @extend_schema(
        summary="Remove a decision (the chair, while the minutes are a draft)",
        parameters=[
            OpenApiParameter("expected_version", int, required=True, description=write.VERSION_HELP)
        ],
        responses={204: None},
    )
    def destroy(self, request, pk=None):
        decision = self._recordable()
        version = write.VersionQuerySerializer(
            data=request.query_params, context=self.get_serializer_context()
        )
        version.is_valid(raise_exception=True)
        services.remove_decision(
            request.user, decision, expected_version=version.validated_data["expected_version"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Record follow-up on a published decision",
        description=(
            "The secretariat, or the person responsible for the decision. The decision's "
            "status becomes that of its latest note by date."
        ),
        request=write.FollowUpCreateSerializer,
        responses={201: read.DecisionSerializer},
    )
    @action(detail=True, methods=["post"], url_path="follow-ups", url_name="follow-ups")
    def follow_ups(self, request, pk=None):
        decision = self.get_object()
        self.forbid_unless(
            policy.can_follow_up(request.user, decision),
            _("پیگیری را دبیرخانه یا مسئول اجرا ثبت می‌کند."),
        )
        data = self.validated().validated_data
        services.record_follow_up(
            request.user,
            decision,
            status=data["status"],
            note=data["note"],
            date=data.get("date"),
        )
        return self.respond(decision, status_code=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="Minutes revisions",
        description=(
            "Published revisions for everyone; every revision (drafts too) of meetings "
            "internal to the caller. `pdf_url` is the stored PDF of a published revision."
        ),
        parameters=[
            BODY_PARAMETER,
            COMMITTEE_PARAMETER,
            date_parameter("since", "Minutes of meetings on or after this day"),
            date_parameter("until", "Minutes of meetings on or before this day"),
        ],
    ),
    retrieve=extend_schema(summary="A minutes revision, with its published content"),
)
class MinutesViewSet(CachedListModelMixin, mixins.RetrieveModelMixin, BaseViewSet):
    permission_classes = [ReadAnyoneWriteAuthenticated]
    pagination_class = MinutesPagination
    read_serializer_class = read.MinutesSerializer
    detail_serializer_class = read.MinutesDetailSerializer
    filterset_class = MinutesFilter
    input_serializers = {"correct": write.ReasonSerializer}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema: the model, no query
            return Minutes.objects.none()
        return querysets.minutes(self.visibility)

    def _transition(self, name: str):
        step = services.WORKFLOW[name]
        minutes = self.get_object()
        self.forbid_unless(step.allowed(self.request.user, minutes.meeting), step.refused)
        changed = step.service(self.request.user, minutes)
        return self.respond(changed, serializer_class=read.MinutesSerializer)

    @extend_schema(
        summary="Submit the draft for approval (the chair)",
        request=None,
        responses={200: read.MinutesSerializer},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._transition("submit")

    @extend_schema(
        summary="Approve submitted minutes (the chair)",
        request=None,
        responses={200: read.MinutesSerializer},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._transition("approve")

    @extend_schema(
        summary="Publish approved minutes (secretariat)",
        description=(
            "Freezes the public content; the PDF is rendered and hashed once the "
            "transaction has committed (`pdf_url` and `sha256` are null until then)."
        ),
        request=None,
        responses={200: read.MinutesSerializer},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._transition("publish")

    @extend_schema(
        summary="Open a correction of published minutes (secretariat or the chair)",
        examples=examples.CORRECT,
        description="A new draft revision that points at the published one, with the reason.",
        request=write.ReasonSerializer,
        responses={201: read.MinutesSerializer},
    )
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        step = services.WORKFLOW["correct"]
        minutes = self.get_object()
        self.forbid_unless(step.allowed(request.user, minutes.meeting), step.refused)
        reason = self.validated().validated_data["reason"]
        correction = step.service(request.user, minutes, reason)
        return self.respond(
            correction, status_code=status.HTTP_201_CREATED, serializer_class=read.MinutesSerializer
        )
