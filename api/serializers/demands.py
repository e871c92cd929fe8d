"""Published demands as the API shows them (api/views/demands.py): what the demand's public
page shows, nothing more — never the email address of whoever raised it, the visitor keys,
who moderated it, nor a demand that is pending, merged or rejected."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from demands.models import Demand, District, Topic

from .common import JalaliField


class DemandTopicSerializer(serializers.ModelSerializer):
    workgroup = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Topic
        fields = ["id", "name", "workgroup"]


class DemandDistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["id", "name"]


class DemandAgendaSerializer(serializers.Serializer):
    """The agenda item a demand was taken up in, as far as the public may see it."""

    meeting = serializers.IntegerField(allow_null=True, help_text="null for an internal meeting")
    meeting_title = serializers.CharField(allow_null=True)
    meeting_starts_at = serializers.DateTimeField(allow_null=True)
    meeting_url = serializers.URLField(allow_null=True)
    agenda_item = serializers.IntegerField(allow_null=True)
    agenda_item_title = serializers.CharField(allow_null=True)
    body = serializers.CharField(help_text="the committee or workgroup of the meeting")


class DemandDecisionSerializer(serializers.Serializer):
    """A public decision taken on the demand's agenda item, as published."""

    decision = serializers.IntegerField(help_text="the id of /api/v1/decisions/")
    number = serializers.IntegerField()
    text = serializers.CharField()
    status = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    minutes_url = serializers.URLField()


class DemandSerializer(serializers.ModelSerializer):
    committee = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    workgroup = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    topic = DemandTopicSerializer(read_only=True)
    district = DemandDistrictSerializer(read_only=True)
    url = serializers.SerializerMethodField()
    photo_url = serializers.SerializerMethodField()
    published_at_jalali = JalaliField(source="published_at")
    raised = serializers.IntegerField(
        read_only=True, help_text="people who raised it: itself and the demands merged into it"
    )
    supporters = serializers.IntegerField(read_only=True)
    stage = serializers.ChoiceField(
        choices=["waiting", "agenda", "considered", "decided"], read_only=True
    )
    agenda = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()

    class Meta:
        model = Demand
        fields = [
            "id",
            "url",
            "committee",
            "workgroup",
            "title",
            "description",
            "topic",
            "district",
            "neighbourhood",
            "photo_url",
            "published_at",
            "published_at_jalali",
            "raised",
            "supporters",
            "stage",
            "agenda",
            "decisions",
        ]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, demand: Demand) -> str:
        return self._absolute(demand.get_absolute_url())

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_photo_url(self, demand: Demand) -> str | None:
        if not demand.photo:
            return None
        return self._absolute(reverse("demand_photo", args=[demand.committee.slug, demand.pk]))

    @extend_schema_field(DemandAgendaSerializer(allow_null=True))
    def get_agenda(self, demand: Demand):
        item = demand.agenda_item
        if item is None:
            return None
        meeting = item.meeting
        shown = meeting.is_public and item.is_public
        return {
            "meeting": meeting.pk if shown else None,
            "meeting_title": meeting.title if shown else None,
            "meeting_starts_at": timezone.localtime(meeting.starts_at).isoformat()
            if shown
            else None,
            "meeting_url": self._absolute(meeting.get_absolute_url()) if shown else None,
            "agenda_item": item.pk if shown else None,
            "agenda_item_title": item.title if shown else None,
            "body": meeting.body_name,
        }

    @extend_schema_field(DemandDecisionSerializer(many=True))
    def get_decisions(self, demand: Demand):
        decisions = self.context.get("decisions", {}).get(demand.agenda_item_id, [])
        return [
            {
                "decision": entry.decision_id,
                "number": entry.number,
                "text": entry.text,
                "status": entry.current_status,
                "deadline": entry.deadline.isoformat() if entry.deadline else None,
                "minutes_url": self._absolute(entry.document.get_absolute_url()),
            }
            for entry in decisions
        ]


class DemandCountSerializer(serializers.Serializer):
    name = serializers.CharField()
    demands = serializers.IntegerField(help_text="published demands")
    raised = serializers.IntegerField(help_text="people who raised them")
    supporters = serializers.IntegerField()
    agenda = serializers.IntegerField(help_text="demands that reached an agenda")
    decided = serializers.IntegerField(help_text="demands that reached a decision")
    imported = serializers.IntegerField(
        help_text="requests to the 137 contact centre in the same months (imported; never "
        "added to the other figures)"
    )


class DemandCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    on_agenda = serializers.IntegerField()
    decided = serializers.IntegerField()
    decided_share = serializers.IntegerField(help_text="percent of the demands")
    by_topic = DemandCountSerializer(many=True)
    by_district = DemandCountSerializer(many=True)
    imported_total = serializers.IntegerField(help_text="requests to the 137 contact centre")
