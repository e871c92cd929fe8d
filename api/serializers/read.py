"""What the API answers with. Read only; every date and instant is ISO 8601 with its
Jalali rendering beside it (``…_jalali``: Tehran time, Latin digits, «1405/09/01 10:30»).

The querysets come from api/views/querysets.py (what the caller may see) with their
relations selected or prefetched by the viewsets, so a page costs the same number of
queries whatever its length. Fields that depend on the row being internal to the caller
read the ``api_*`` annotations the viewsets add.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from committee import quorum as quorum_rules
from committee.models import Committee, CommitteeRole, Organization, Person
from minutes.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Decision,
    FollowUp,
    Invitation,
    Meeting,
    Minutes,
    Question,
)
from minutes.publication.record import published_record
from minutes.publication.snapshot import vote_data
from workgroups.models import Membership, Workgroup

from .common import JalaliField, jalali_text

DRAFT_VERSION_HELP = (
    "Internal callers only: the `version` of the meeting's draft minutes, which is the "
    "`expected_version` the next change of the record must send (0 while there is no draft "
    "yet); null when the latest revision is submitted, approved or published (open a "
    "correction to change it)."
)


def draft_version(revisions) -> int | None:
    """The next ``expected_version`` for a meeting whose revisions (in any order) are
    ``revisions``: 0 before the first draft, the draft's version, None otherwise."""
    revisions = list(revisions)
    if not revisions:
        return 0
    latest = max(revisions, key=lambda minutes: minutes.revision)
    return latest.version if latest.status == Minutes.Status.DRAFT else None


# Computed fields that are optional in the schema (left out for some callers): plain
# fields rather than SerializerMethodFields, which the schema would mark as always present.
class _DraftVersionField(serializers.IntegerField):
    def get_attribute(self, meeting):
        return draft_version(meeting.api_minutes)


class _AccountPendingField(serializers.BooleanField):
    def get_attribute(self, person):
        user = person.user
        return bool(user and not user.has_usable_password() and user.last_login is None)


# --- Small summaries, nested in the resources ---------------------------------------------------


class OrganizationSummarySerializer(serializers.ModelSerializer):
    side = serializers.ChoiceField(choices=[("official", "official"), ("press", "press")])

    class Meta:
        model = Organization
        fields = ["id", "name", "kind", "side"]


class PersonSummarySerializer(serializers.ModelSerializer):
    """Public fields of a person: never contact details."""

    name = serializers.CharField(source="full_name")
    organization = OrganizationSummarySerializer()

    class Meta:
        model = Person
        fields = ["id", "name", "post", "organization"]


class WorkgroupSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Workgroup
        fields = ["id", "slug", "name", "short_name", "order"]


# --- Reference data ------------------------------------------------------------------------------


class CommitteeRoleSerializer(serializers.ModelSerializer):
    person = PersonSummarySerializer()
    role_label = serializers.CharField(source="get_role_display")
    start_date_jalali = JalaliField(source="start_date")
    end_date_jalali = JalaliField(source="end_date")

    class Meta:
        model = CommitteeRole
        fields = [
            "id",
            "role",
            "role_label",
            "person",
            "start_date",
            "start_date_jalali",
            "end_date",
            "end_date_jalali",
        ]


class CommitteeRoleTermSerializer(CommitteeRoleSerializer):
    """A term in a committee role, with its committee: the ``committee-roles`` collection."""

    committee = serializers.PrimaryKeyRelatedField(read_only=True)
    committee_slug = serializers.SlugRelatedField(
        source="committee", slug_field="slug", read_only=True
    )
    is_current = serializers.BooleanField(read_only=True)

    class Meta(CommitteeRoleSerializer.Meta):
        fields = [
            "id",
            "committee",
            "committee_slug",
            "updated_at",
            *CommitteeRoleSerializer.Meta.fields[1:],
            "is_current",
        ]


class CommitteeSerializer(serializers.ModelSerializer):
    duties = serializers.ListField(source="duty_list", child=serializers.CharField())
    roles = serializers.SerializerMethodField(help_text="Current roles: chair and secretariat.")
    workgroups = WorkgroupSummarySerializer(many=True)

    class Meta:
        model = Committee
        fields = [
            "id",
            "slug",
            "name",
            "municipality",
            "city",
            "description",
            "duties",
            "roles",
            "workgroups",
            "updated_at",
        ]

    @extend_schema_field(CommitteeRoleSerializer(many=True))
    def get_roles(self, committee: Committee):
        return CommitteeRoleSerializer(committee.current_roles, many=True).data


class WorkgroupSerializer(serializers.ModelSerializer):
    committee = serializers.PrimaryKeyRelatedField(read_only=True)
    committee_slug = serializers.SlugRelatedField(
        source="committee", slug_field="slug", read_only=True
    )
    chair = serializers.SerializerMethodField()
    member_count = serializers.SerializerMethodField()

    class Meta:
        model = Workgroup
        fields = [
            "id",
            "committee",
            "committee_slug",
            "slug",
            "name",
            "short_name",
            "order",
            "scope",
            "chair",
            "member_count",
            "updated_at",
        ]

    @extend_schema_field(PersonSummarySerializer(allow_null=True))
    def get_chair(self, workgroup: Workgroup):
        chair = next((m.person for m in workgroup.current_memberships if m.is_chair), None)
        return PersonSummarySerializer(chair).data if chair else None

    @extend_schema_field(OpenApiTypes.INT)
    def get_member_count(self, workgroup: Workgroup) -> int:
        return len(workgroup.current_memberships)


class OrganizationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    side = serializers.ChoiceField(choices=[("official", "official"), ("press", "press")])
    side_label = serializers.CharField(source="get_side_display")

    class Meta:
        model = Organization
        fields = ["id", "name", "kind", "kind_label", "side", "side_label", "website", "updated_at"]


class PersonSerializer(serializers.ModelSerializer):
    """Name, post and organisation for everyone. ``email`` and ``phone`` are present only
    for the secretariat of a committee the person belongs to, and for superusers."""

    name = serializers.CharField(source="full_name")
    organization = OrganizationSummarySerializer()
    # Not read-only in the class so that the schema marks them optional (they are left out
    # for most callers); this serializer is never used for input.
    email = serializers.CharField(required=False, help_text="An address, or empty.")
    phone = serializers.CharField(required=False)
    username = serializers.CharField(
        source="user.username",
        required=False,
        allow_null=True,
        help_text="Their login, null when they have none (with the contact details).",
    )
    account_pending = _AccountPendingField(
        required=False,
        help_text=(
            "True while an account was made but its password not yet chosen through the "
            "invitation link (with the contact details)."
        ),
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "first_name",
            "last_name",
            "post",
            "organization",
            "email",
            "phone",
            "username",
            "account_pending",
            "updated_at",
        ]

    def to_representation(self, person: Person):
        data = super().to_representation(person)
        if not getattr(person, "api_contacts", False):
            for name in ("email", "phone", "username", "account_pending"):
                data.pop(name, None)
        return data


class MembershipSerializer(serializers.ModelSerializer):
    workgroup = WorkgroupSummarySerializer()
    person = PersonSummarySerializer()
    role = serializers.ChoiceField(choices=Membership.Role.choices)
    role_label = serializers.CharField(source="get_role_display")
    is_current = serializers.BooleanField()
    start_date_jalali = JalaliField(source="start_date")
    end_date_jalali = JalaliField(source="end_date")

    class Meta:
        model = Membership
        fields = [
            "id",
            "workgroup",
            "person",
            "role",
            "role_label",
            "is_chair",
            "is_permanent",
            "start_date",
            "start_date_jalali",
            "end_date",
            "end_date_jalali",
            "is_current",
            "updated_at",
        ]


# --- Meetings and their record -------------------------------------------------------------------


class MinutesSummarySerializer(serializers.ModelSerializer):
    published_at_jalali = JalaliField(source="published_at")

    class Meta:
        model = Minutes
        fields = ["id", "revision", "status", "document_id", "published_at", "published_at_jalali"]


class AgendaItemSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display")
    presenter = PersonSummarySerializer(allow_null=True)
    question = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "order",
            "title",
            "description",
            "kind",
            "kind_label",
            "presenter",
            "is_public",
            "discussion",
            "answer",
            "question",
            "version",
            "updated_at",
        ]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_question(self, item: AgendaItem) -> int | None:
        question = getattr(item, "question", None)
        return question.pk if question is not None else None


class InvitationSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    person = PersonSummarySerializer()
    response_label = serializers.CharField(source="get_response_display")
    sent_at_jalali = JalaliField(source="sent_at")
    responded_at_jalali = JalaliField(source="responded_at")

    class Meta:
        model = Invitation
        fields = [
            "id",
            "meeting",
            "person",
            "is_guest",
            "response",
            "response_label",
            "response_note",
            "sent_at",
            "sent_at_jalali",
            "responded_at",
            "responded_at_jalali",
            "updated_at",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    """A meeting. ``internal`` says whether the caller sees its internal record; then
    ``agenda`` has every item and ``invitations`` is present, otherwise ``agenda`` has the
    public items as published (empty before publication)."""

    committee = serializers.PrimaryKeyRelatedField(read_only=True)
    workgroup = WorkgroupSummarySerializer(allow_null=True)
    body_name = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    starts_at_jalali = JalaliField(source="starts_at")
    ends_at_jalali = JalaliField(source="ends_at")
    chair_person = PersonSummarySerializer(allow_null=True)
    secretary_person = PersonSummarySerializer(allow_null=True)
    registered_late_at = serializers.DateTimeField(
        allow_null=True,
        help_text="Set for a meeting registered after it was held (from a paper archive).",
    )
    registered_late_at_jalali = JalaliField(source="registered_late_at")
    internal = serializers.BooleanField(source="api_internal")
    agenda = AgendaItemSerializer(source="api_agenda", many=True)
    minutes = MinutesSummarySerializer(source="api_minutes", many=True)
    invitations = InvitationSerializer(source="api_invitations", many=True, required=False)
    draft_version = _DraftVersionField(
        required=False, allow_null=True, help_text=DRAFT_VERSION_HELP
    )
    url = serializers.SerializerMethodField(help_text="The meeting's page on the site.")

    class Meta:
        model = Meeting
        fields = [
            "id",
            "committee",
            "workgroup",
            "body_name",
            "number",
            "jalali_year",
            "title",
            "starts_at",
            "starts_at_jalali",
            "ends_at",
            "ends_at_jalali",
            "location",
            "status",
            "status_label",
            "is_public",
            "cancellation_reason",
            "chair_person",
            "secretary_person",
            "registered_late_at",
            "registered_late_at_jalali",
            "internal",
            "agenda",
            "minutes",
            "invitations",
            "draft_version",
            "url",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, meeting: Meeting) -> str:
        return _absolute(self.context.get("request"), meeting.get_absolute_url())

    def to_representation(self, meeting: Meeting):
        data = super().to_representation(meeting)
        if not meeting.api_internal:
            data.pop("invitations", None)
            data.pop("draft_version", None)
        return data


class AttachmentSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    agenda_item = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    is_public = serializers.BooleanField()
    url = serializers.SerializerMethodField(help_text="Where it is downloaded.")

    class Meta:
        model = Attachment
        fields = [
            "id",
            "meeting",
            "agenda_item",
            "title",
            "kind",
            "content_type",
            "size",
            "sha256",
            "is_public",
            "uploaded_at",
            "url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, attachment) -> str:
        return _absolute(
            self.context.get("request"), reverse("attachment_download", args=[attachment.pk])
        )


class QuestionSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    author = PersonSummarySerializer()
    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")
    agenda_item = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    created_at_jalali = JalaliField(source="created_at")
    decided_at_jalali = JalaliField(source="decided_at")

    class Meta:
        model = Question
        fields = [
            "id",
            "meeting",
            "kind",
            "kind_label",
            "title",
            "text",
            "author",
            "status",
            "status_label",
            "decline_reason",
            "agenda_item",
            "created_at",
            "created_at_jalali",
            "decided_at",
            "decided_at_jalali",
            "updated_at",
        ]


class FollowUpSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    date_jalali = JalaliField(source="date")
    created_at_jalali = JalaliField(source="created_at")

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "date",
            "date_jalali",
            "status",
            "status_label",
            "note",
            "created_at",
            "created_at_jalali",
        ]


class ResponsiblePersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="Null in the published copy.")
    name = serializers.CharField()
    post = serializers.CharField()
    organization = serializers.CharField()


class ResponsibleOrganizationSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()


class DistrictRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


def _district_refs(districts) -> list[dict]:
    return [{"id": d.pk, "name": d.name} for d in districts]


class DecisionSerializer(serializers.Serializer):
    """A decision with its follow-up notes.

    ``published`` rows (the caller does not see the meeting's internal record) carry the
    values of the latest published revision — text, number, deadline, who is responsible —
    with the live status and follow-ups; the others carry the live values."""

    id = serializers.IntegerField()
    updated_at = serializers.DateTimeField(read_only=True)
    meeting = serializers.IntegerField(source="meeting_id")
    number = serializers.IntegerField()
    text = serializers.CharField()
    agenda_item = serializers.IntegerField(allow_null=True)
    responsible_person = ResponsiblePersonSerializer(allow_null=True)
    responsible_organization = ResponsibleOrganizationSerializer(allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    deadline_jalali = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(choices=Decision.Status.choices)
    status_label = serializers.CharField()
    is_public = serializers.BooleanField()
    is_overdue = serializers.BooleanField()
    districts = DistrictRefSerializer(
        many=True,
        help_text=(
            "The city districts it concerns (ids of the committee's list, as in `?district=`); "
            "in published rows, those the published minutes name."
        ),
    )
    vote = serializers.JSONField(
        allow_null=True,
        help_text=(
            "How it was taken: {method: consensus|unanimous|vote, for, against, abstain, "
            "names?}; null when not recorded. In published rows, see the minutes' content."
        ),
    )
    published = serializers.BooleanField(
        help_text="True when the values are those of the published minutes."
    )
    document_id = serializers.CharField(
        allow_null=True, help_text="The published revision that lists this decision."
    )
    follow_ups = FollowUpSerializer(many=True)
    draft_version = serializers.IntegerField(
        required=False, allow_null=True, help_text=DRAFT_VERSION_HELP
    )

    def to_representation(self, decision: Decision):
        entry = None if decision.shown_live else decision.portal_entry
        values = self._live(decision) if entry is None else self._published(entry)
        values.update(
            id=decision.pk,
            updated_at=self.fields["updated_at"].to_representation(decision.updated_at),
            meeting=decision.meeting_id,
            status=decision.status,
            status_label=decision.get_status_display(),
            follow_ups=FollowUpSerializer(decision.follow_ups.all(), many=True).data,
        )
        if decision.shown_live:
            status = getattr(decision, "api_latest_status", None)
            values["draft_version"] = (
                0
                if status is None
                else (decision.api_latest_version if status == Minutes.Status.DRAFT else None)
            )
        return {name: values[name] for name in self.fields if name in values}

    @staticmethod
    def _live(decision: Decision) -> dict:
        person = decision.responsible_person
        organization = decision.responsible_organization
        entry = getattr(decision, "portal_entry", None)
        return {
            "number": decision.number,
            "text": decision.text,
            "agenda_item": decision.agenda_item_id,
            "responsible_person": (
                {
                    "id": person.pk,
                    "name": person.full_name,
                    "post": person.post,
                    "organization": person.organization.name,
                }
                if person
                else None
            ),
            "responsible_organization": (
                {"id": organization.pk, "name": organization.name} if organization else None
            ),
            "deadline": decision.deadline.isoformat() if decision.deadline else None,
            "deadline_jalali": jalali_text(decision.deadline),
            "is_public": decision.is_public,
            "is_overdue": decision.is_overdue,
            "districts": _district_refs(decision.districts.all()),
            "vote": vote_data(decision),
            "published": False,
            "document_id": entry.document.document_id if entry else None,
        }

    @staticmethod
    def _published(entry) -> dict:
        return {
            "number": entry.number,
            "text": entry.text,
            # The published copy numbers agenda items by position, not by id.
            "agenda_item": None,
            "responsible_person": (
                {
                    "id": None,
                    "name": entry.responsible_person,
                    "post": entry.responsible_person_post,
                    "organization": "",
                }
                if entry.responsible_person
                else None
            ),
            "responsible_organization": (
                {"id": entry.organization_id, "name": entry.responsible_organization}
                if entry.responsible_organization
                else None
            ),
            "deadline": entry.deadline.isoformat() if entry.deadline else None,
            "deadline_jalali": jalali_text(entry.deadline),
            "is_public": True,
            "is_overdue": entry.is_overdue,
            "districts": _district_refs(entry.districts.all()),
            "vote": None,
            "published": True,
            "document_id": entry.document.document_id,
        }


def live_quorums(revisions: list[Minutes]) -> None:
    """The live quorum of the unpublished revisions of workgroup meetings among
    ``revisions`` (a page of the list), read in three queries for the whole page rather
    than a few per row; the same count as ``Meeting.quorum`` (a workgroup's permanent seats
    on the meeting day, those of them recorded present, the workgroup's rule). Kept on each
    revision as ``_api_quorum``; a plenary's draft is asked of ``Meeting.quorum``."""
    drafts = [
        m
        for m in revisions
        if not m.is_published and m.meeting.workgroup_id and not hasattr(m, "_api_quorum")
    ]
    if not drafts:
        return
    workgroups = {m.meeting.workgroup_id for m in drafts}
    rules = dict(Workgroup.objects.filter(pk__in=workgroups).values_list("pk", "quorum"))
    seats: dict[int, list[tuple]] = {}
    for workgroup_id, person_id, start, end in Membership.objects.filter(
        workgroup_id__in=workgroups, is_permanent=True
    ).values_list("workgroup_id", "person_id", "start_date", "end_date"):
        seats.setdefault(workgroup_id, []).append((person_id, start, end))
    present: dict[int, set[int]] = {}
    for meeting_id, person_id in Attendance.objects.filter(
        meeting_id__in={m.meeting_id for m in drafts}, status=Attendance.Status.PRESENT
    ).values_list("meeting_id", "person_id"):
        present.setdefault(meeting_id, set()).add(person_id)
    for minutes in drafts:
        meeting, day = minutes.meeting, minutes.meeting.day
        members = {
            person_id
            for person_id, start, end in seats.get(meeting.workgroup_id, [])
            if start <= day and (end is None or end >= day)
        }
        minutes._api_quorum = quorum_rules.Quorum(
            members=len(members),
            present=len(members & present.get(meeting.pk, set())),
            required=quorum_rules.required(rules[meeting.workgroup_id], len(members)),
        ).as_dict()


class MinutesListSerializer(serializers.ListSerializer):
    """A page of minutes: the drafts' live quorum read for the page at once."""

    def to_representation(self, data):
        rows = list(data.all() if hasattr(data, "all") else data)
        live_quorums(rows)
        return super().to_representation(rows)


class MinutesSerializer(serializers.ModelSerializer):
    """One revision of a meeting's minutes. ``pdf_url`` is the stored PDF of a published
    revision (null until it has been rendered and hashed)."""

    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    status_label = serializers.CharField(source="get_status_display")
    corrects = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    corrected_by = serializers.SerializerMethodField()
    sha256 = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    revisions = MinutesSummarySerializer(source="meeting.api_revisions", many=True)
    quorum = serializers.SerializerMethodField(
        help_text=(
            "{members, present, required, met}: the permanent members on the meeting day, "
            "those present, the number the body's rule requires, and whether it was met "
            "(null when no permanent member was on record). As published, for a published "
            "revision; live for a draft."
        )
    )
    quorum_text = serializers.SerializerMethodField(help_text="The quorum line, in Persian.")
    created_at_jalali = JalaliField(source="created_at")
    submitted_at_jalali = JalaliField(source="submitted_at")
    approved_at_jalali = JalaliField(source="approved_at")
    published_at_jalali = JalaliField(source="published_at")

    class Meta:
        model = Minutes
        list_serializer_class = MinutesListSerializer
        fields = [
            "id",
            "meeting",
            "revision",
            "status",
            "status_label",
            "version",
            "summary",
            "corrects",
            "corrected_by",
            "correction_reason",
            "document_id",
            "sha256",
            "pdf_size",
            "pdf_url",
            "created_at",
            "created_at_jalali",
            "submitted_at",
            "submitted_at_jalali",
            "approved_at",
            "approved_at_jalali",
            "published_at",
            "published_at_jalali",
            "revisions",
            "quorum",
            "quorum_text",
            "updated_at",
        ]

    def _quorum(self, minutes: Minutes):
        # Asked twice per row (quorum, quorum_text): worked out once.
        if not hasattr(minutes, "_api_quorum"):
            if minutes.is_published:
                record = published_record(minutes.snapshot)
                minutes._api_quorum = record.quorum.as_dict() if record and record.quorum else None
            else:
                minutes._api_quorum = minutes.meeting.quorum().as_dict()
        return minutes._api_quorum

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_quorum(self, minutes: Minutes):
        return self._quorum(minutes)

    @extend_schema_field(serializers.CharField())
    def get_quorum_text(self, minutes: Minutes) -> str:
        return quorum_rules.describe(self._quorum(minutes))

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_corrected_by(self, minutes: Minutes) -> int | None:
        later = [m for m in minutes.meeting.api_revisions if m.corrects_id == minutes.pk]
        return later[0].pk if later else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_sha256(self, minutes: Minutes) -> str | None:
        return minutes.sha256 or None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_pdf_url(self, minutes: Minutes) -> str | None:
        if not (minutes.sha256 and minutes.document_id and minutes.is_published):
            return None
        return _absolute(
            self.context.get("request"), reverse("minutes_pdf", args=[minutes.document_id])
        )


class MinutesDetailSerializer(MinutesSerializer):
    """One revision with its content: for a published revision, what was published (the
    frozen snapshot the public pages and the PDF read); null otherwise."""

    content = serializers.SerializerMethodField()

    class Meta(MinutesSerializer.Meta):
        fields = [*MinutesSerializer.Meta.fields, "content"]

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_content(self, minutes: Minutes):
        return minutes.snapshot if minutes.is_published else None


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class InviteResultSerializer(serializers.Serializer):
    invited = serializers.IntegerField(help_text="How many new invitations were sent.")
    meeting = MeetingSerializer()


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class ExpectedAttendanceSerializer(serializers.Serializer):
    """One person whose attendance the minutes must record, as recorded so far."""

    person = PersonSummarySerializer()
    is_guest = serializers.BooleanField(help_text="Invited from outside the body.")
    status = serializers.ChoiceField(
        choices=[("", "not recorded"), *Attendance.Status.choices],
        help_text="Empty while not recorded: nobody is assumed present.",
    )
    status_label = serializers.CharField()
    excuse = serializers.CharField()
    arrived_at = serializers.TimeField(allow_null=True)
    left_at = serializers.TimeField(allow_null=True)
    invitation_response = serializers.CharField(
        allow_null=True, help_text="Their answer to the invitation (null: not invited)."
    )
    suggestion = serializers.CharField(
        help_text="The status their answer suggests (accepted: present), or empty."
    )

    def to_representation(self, entry):
        row = entry.row
        return {
            "person": PersonSummarySerializer(entry.person).data,
            "is_guest": entry.is_guest,
            "status": row.status if row else "",
            "status_label": row.get_status_display() if row else str(_("ثبت نشده")),
            "excuse": row.excuse if row else "",
            "arrived_at": row.arrived_at.strftime("%H:%M") if row and row.arrived_at else None,
            "left_at": row.left_at.strftime("%H:%M") if row and row.left_at else None,
            "invitation_response": entry.invitation.response if entry.invitation else None,
            "suggestion": entry.suggestion,
        }


class AttendanceSheetSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    draft_version = serializers.IntegerField(allow_null=True, help_text=DRAFT_VERSION_HELP)
    not_recorded = serializers.IntegerField(
        help_text="How many are still not recorded (the minutes cannot be submitted until 0)."
    )
    quorum = serializers.JSONField(allow_null=True, help_text="{members, present, required, met}")
    attendance = ExpectedAttendanceSerializer(many=True)
