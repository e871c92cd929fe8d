"""The open-data exports (api/exports.py) as JSON documents, for anyone."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from api import exports
from api.permissions import ReadOnly
from api.views.base import BaseAPIView

_OBJECTS = serializers.ListField(child=serializers.DictField())


class PopoloView(BaseAPIView):
    permission_classes = [ReadOnly]

    @extend_schema(
        summary="People, organisations, memberships and posts (Popolo)",
        description=(
            "Public data only, following https://www.popoloproject.com/specs/ — never an "
            "email address or a phone number. See docs/open-data.md."
        ),
        responses={
            200: inline_serializer(
                "PopoloExport",
                {
                    "persons": _OBJECTS,
                    "organizations": _OBJECTS,
                    "memberships": _OBJECTS,
                    "posts": _OBJECTS,
                },
            )
        },
        tags=["open-data"],
    )
    def get(self, request):
        return Response(exports.popolo(request))


class OcdEventsView(BaseAPIView):
    permission_classes = [ReadOnly]

    @extend_schema(
        summary="Public meetings as Open Civic Data events",
        description=(
            "Announced meetings and those with published minutes; the agenda, participants "
            "and documents as published. See docs/open-data.md."
        ),
        responses={200: inline_serializer("OcdEventsExport", {"events": _OBJECTS})},
        tags=["open-data"],
    )
    def get(self, request):
        return Response(exports.ocd_events(request))
