"""What the API accepts. These only validate and shape input (types, lengths, ids the
caller may see); the service functions in minutes/services.py and workgroups/services.py
check the rules and make every change. Nothing here saves a model.

Lengths follow the models and the services, so an over-long text is a 400 on its field
before any service runs.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from committee.models import Committee, CommitteeRole, District, Organization, Person
from minutes import services
from minutes.models import AgendaItem, Attendance, Decision, Invitation, Meeting, Question, Vote
from workgroups.models import Membership, Workgroup

from .common import (
    BooleanField,
    ChoiceField,
    DateField,
    DateTimeField,
    IdField,
    InputSerializer,
    IntegerField,
    ListField,
    id_list,
    text,
)

TEXT_MAX = services.TEXT_MAX  # 4000
REASON_MAX = 2000
DISCUSSION_MAX = 2 * TEXT_MAX
AGENDA_MAX = 30
VERSION_HELP = (
    "The draft's version your change is based on (0 when there is no draft yet). A change "
    "made from an older version is refused with 409 and nothing is saved."
)


def _version_field(**kwargs) -> IntegerField:
    return IntegerField(min_value=0, max_value=2**31 - 1, help_text=VERSION_HELP, **kwargs)


# --- Meetings ---------------------------------------------------------------------------------


class AgendaItemInputSerializer(InputSerializer):
    title = text(300)
    description = text(TEXT_MAX, required=False, allow_blank=True)
    kind = ChoiceField(choices=AgendaItem.Kind.choices, required=False)
    presenter = IdField(
        queryset=Person.objects.all(), visible="people", required=False, allow_null=True
    )
    is_public = BooleanField(required=False)


class MeetingCreateSerializer(InputSerializer):
    """Schedule a meeting of the committee (no ``workgroup``) or of one of its workgroups,
    with its agenda. ``committee`` may be left out when ``workgroup`` is given or when the
    caller is the secretariat of exactly one committee."""

    committee = IdField(queryset=Committee.objects.all(), required=False, allow_null=True)
    workgroup = IdField(queryset=Workgroup.objects.all(), required=False, allow_null=True)
    title = text(250)
    starts_at = DateTimeField()
    ends_at = DateTimeField(required=False, allow_null=True)
    location = text(250)
    is_public = BooleanField(required=False, default=True)
    agenda = ListField(child=AgendaItemInputSerializer(), required=False, max_length=AGENDA_MAX)
    secretary = IdField(
        queryset=Person.objects.all(),
        visible="people",
        required=False,
        allow_null=True,
        help_text="The meeting's secretary (دبیر جلسه); by default the caller's person.",
    )

    def validate(self, data):
        workgroup = data.get("workgroup")
        committee = data.get("committee")
        if committee is None and workgroup is not None:
            committee = workgroup.committee
        if committee is None:
            managed = list(self.visibility.managed_committees[:2])
            if len(managed) != 1:
                raise serializers.ValidationError(
                    {"committee": [_("کمیته را تعیین کنید.")]}, code="required"
                )
            committee = managed[0]
        if workgroup is not None and workgroup.committee_id != committee.pk:
            raise serializers.ValidationError(
                {"workgroup": [_("این کارگروه از کمیته دیگری است.")]}, code="invalid"
            )
        # An end before the start is the service's to refuse (a 400 on ``ends_at``).
        data["committee"] = committee
        return data


class PastMeetingCreateSerializer(MeetingCreateSerializer):
    """Register a meeting held before it was entered here, from a paper archive: its past
    date and time and its session number as it was (unique for the body and Jalali year)."""

    number = IntegerField(min_value=1, max_value=9999, help_text="The session number.")


class MeetingUpdateSerializer(InputSerializer):
    """Reschedule or rename a meeting, or change its secretary (every field optional)."""

    workgroup = IdField(queryset=Workgroup.objects.all(), required=False, allow_null=True)
    secretary = IdField(
        queryset=Person.objects.all(), visible="people", required=False, allow_null=True
    )
    title = text(250, required=False)
    starts_at = DateTimeField(required=False)
    ends_at = DateTimeField(required=False, allow_null=True)
    location = text(250, required=False)
    is_public = BooleanField(required=False)


class AttachmentCreateSerializer(InputSerializer):
    """A document for the meeting, as multipart/form-data. Its type is decided by its
    content (PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS)."""

    file = serializers.FileField(help_text="The document (multipart/form-data).")
    title = text(200, required=False, allow_blank=True)
    agenda_item = IntegerField(
        min_value=1, max_value=2**63 - 1, required=False, allow_null=True, help_text="Id."
    )
    public = BooleanField(required=False, default=True)

    def validate_agenda_item(self, value):
        if value is None:
            return None
        item = self.context["meeting"].agenda_items.filter(pk=value).first()
        if item is None:
            raise serializers.ValidationError(_("این بند از دستور این جلسه نیست."))
        return item


class ReasonSerializer(InputSerializer):
    reason = text(REASON_MAX)


class InviteSerializer(InputSerializer):
    guests = id_list(
        Person.objects.all(), visible="people", help_text="Guests beyond the body's members."
    )


class AttendanceInputSerializer(InputSerializer):
    """One person's attendance. An empty ``status`` takes back a recorded one (not
    recorded). ``excuse`` is required for ``excused``; ``arrived_at`` and ``left_at``
    (HH:MM, Tehran time) record a late arrival or an early leave."""

    person = IdField(queryset=Person.objects.all(), visible="people")
    status = ChoiceField(choices=[("", "not recorded"), *Attendance.Status.choices])
    excuse = text(300, required=False, allow_blank=True)
    arrived_at = serializers.TimeField(required=False, allow_null=True)
    left_at = serializers.TimeField(required=False, allow_null=True)


class ItemRecordSerializer(InputSerializer):
    item = IntegerField(min_value=1, max_value=2**63 - 1, help_text="An agenda item's id.")
    discussion = text(DISCUSSION_MAX, required=False, allow_blank=True)
    answer = text(TEXT_MAX, required=False, allow_blank=True)


class RecordSerializer(InputSerializer):
    """What happened at the meeting. Attendance alone may be recorded by the secretariat;
    discussion, answers and the summary by the chair (the secretariat for a plenary)."""

    expected_version = _version_field()
    attendance = ListField(child=AttendanceInputSerializer(), required=False, max_length=200)
    guests = id_list(Person.objects.all(), visible="people")
    items = ListField(child=ItemRecordSerializer(), required=False, max_length=AGENDA_MAX * 2)
    summary = text(DISCUSSION_MAX, required=False, allow_blank=True)

    def validate(self, data):
        meeting: Meeting = self.context["meeting"]
        known = set(meeting.agenda_items.values_list("pk", flat=True))
        unknown = [row["item"] for row in data.get("items", []) if row["item"] not in known]
        if unknown:
            raise serializers.ValidationError(
                {"items": [_("این بند در دستور این جلسه نیست.")]}, code="invalid"
            )
        return data

    def service_fields(self) -> dict:
        data = self.validated_data
        fields: dict = {"expected_version": data["expected_version"]}
        if "attendance" in data:
            fields["attendance"] = {
                row["person"].pk: {
                    key: row.get(key) for key in ("status", "excuse", "arrived_at", "left_at")
                }
                for row in data["attendance"]
            }
        if data.get("guests"):
            fields["guests"] = list(dict.fromkeys(data["guests"]))
        if data.get("items"):
            fields["items"] = {
                row["item"]: {k: row[k] for k in ("discussion", "answer") if k in row}
                for row in data["items"]
            }
        if "summary" in data:
            fields["summary"] = data["summary"]
        return fields


class VoteInputSerializer(InputSerializer):
    person = IdField(queryset=Person.objects.all(), visible="people")
    vote = ChoiceField(choices=Vote.Choice.choices)


class _DecisionFields(InputSerializer):
    agenda_item = IntegerField(
        min_value=1, max_value=2**63 - 1, required=False, allow_null=True, help_text="Id."
    )
    responsible_organization = IdField(
        queryset=Organization.objects.all(), required=False, allow_null=True
    )
    responsible_person = IdField(
        queryset=Person.objects.all(), visible="people", required=False, allow_null=True
    )
    deadline = DateField(required=False, allow_null=True)
    is_public = BooleanField(required=False)
    vote_method = ChoiceField(
        choices=[("", "not recorded"), *Decision.VoteMethod.choices],
        required=False,
        help_text="How it was taken: by consensus, unanimously, or by vote (with counts).",
    )
    votes_for = IntegerField(min_value=0, max_value=999, required=False, allow_null=True)
    votes_against = IntegerField(min_value=0, max_value=999, required=False, allow_null=True)
    votes_abstain = IntegerField(min_value=0, max_value=999, required=False, allow_null=True)
    votes = ListField(
        child=VoteInputSerializer(),
        required=False,
        max_length=200,
        help_text="Optionally, how each member present voted (only for vote_method=vote).",
    )
    districts = id_list(
        District.objects.all(),
        max_length=50,
        help_text=(
            "The ids of the city districts it concerns, from the meeting's committee's list; "
            "on a change, the whole new list ([] for none)."
        ),
    )

    def voters(self) -> dict[int, str] | None:
        rows = self.validated_data.get("votes")
        if rows is None:
            return None
        names: dict[int, str] = {}
        for row in rows:
            if row["person"].pk in names:
                raise serializers.ValidationError(
                    {"votes": [_("رأی هر شخص یک بار ثبت می‌شود.")]}, code="invalid"
                )
            names[row["person"].pk] = row["vote"]
        return names

    def service_fields(self) -> dict:
        data = dict(self.validated_data)
        data.pop("expected_version", None)
        data.pop("votes", None)
        if "districts" in data:
            data["districts"] = list(dict.fromkeys(data["districts"]))
        return data

    def validate_agenda_item(self, value):
        if value is None:
            return None
        meeting: Meeting = self.context["meeting"]
        item = meeting.agenda_items.filter(pk=value).first()
        if item is None:
            raise serializers.ValidationError(_("این بند از دستور این جلسه نیست."))
        return item


class DecisionCreateSerializer(_DecisionFields):
    expected_version = _version_field()
    text = text(TEXT_MAX)


class DecisionUpdateSerializer(_DecisionFields):
    expected_version = _version_field()
    text = text(TEXT_MAX, required=False)


class VersionQuerySerializer(InputSerializer):
    expected_version = _version_field()


class AgendaItemCreateSerializer(AgendaItemInputSerializer):
    meeting = IdField(queryset=Meeting.objects.all(), visible="meetings")


class AgendaItemUpdateSerializer(InputSerializer):
    expected_version = IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        required=False,
        help_text=(
            "The item's `version` your change is based on; a stale one is refused with 409 "
            "(two editors of one item never overwrite each other)."
        ),
    )
    title = text(300, required=False)
    description = text(TEXT_MAX, required=False, allow_blank=True)
    kind = ChoiceField(choices=AgendaItem.Kind.choices, required=False)
    presenter = IdField(
        queryset=Person.objects.all(), visible="people", required=False, allow_null=True
    )
    is_public = BooleanField(required=False)


class MoveSerializer(InputSerializer):
    offset = ChoiceField(choices=[(-1, "up"), (1, "down")], help_text="-1 up, +1 down.")


# --- Questions, invitations, follow-up ---------------------------------------------------------


class QuestionCreateSerializer(InputSerializer):
    meeting = IdField(queryset=Meeting.objects.all(), visible="meetings")
    kind = ChoiceField(
        choices=Question.Kind.choices, required=False, default=Question.Kind.QUESTION
    )
    title = text(300)
    text = text(TEXT_MAX)


class InvitationResponseSerializer(InputSerializer):
    response = ChoiceField(
        choices=[
            (Invitation.Response.ACCEPTED, Invitation.Response.ACCEPTED.label),
            (Invitation.Response.DECLINED, Invitation.Response.DECLINED.label),
        ]
    )
    note = text(300, required=False, allow_blank=True)


class FollowUpCreateSerializer(InputSerializer):
    status = ChoiceField(choices=Decision.Status.choices)
    note = text(TEXT_MAX)
    date = DateField(required=False, help_text="Defaults to today (Tehran).")


# --- Memberships ---------------------------------------------------------------------------------


class MembershipCreateSerializer(InputSerializer):
    workgroup = IdField(queryset=Workgroup.objects.all())
    person = IdField(queryset=Person.objects.all(), visible="people")
    role = ChoiceField(choices=Membership.Role.choices)
    start_date = DateField()
    end_date = DateField(required=False, allow_null=True)


class MembershipEndSerializer(InputSerializer):
    end_date = DateField(help_text="The last day the term covers.")


class ChangeChairSerializer(InputSerializer):
    person = IdField(queryset=Person.objects.all(), visible="people")
    start_date = DateField()


class TokenObtainSerializer(InputSerializer):
    username = text(150)
    password = text(128, style={"input_type": "password"}, trim_whitespace=False)


# --- Reference data: committees, organisations, people, committee roles, accounts -----------


class CommitteeCreateSerializer(InputSerializer):
    """A new committee (superuser). With ``standard_workgroups`` (the default) its five
    standard workgroups are created under their official names."""

    slug = serializers.SlugField(
        max_length=50,
        help_text="Short Latin id used in addresses, e.g. `rasht`.",
        error_messages={"invalid": _("نامک فقط حرف لاتین، رقم، - و _ می‌پذیرد.")},
    )
    name = text(200)
    municipality = text(200)
    city = text(100)
    description = text(TEXT_MAX, required=False, allow_blank=True)
    duties = text(TEXT_MAX, required=False, allow_blank=True, help_text="One duty a line.")
    quorum = text(
        16,
        required=False,
        allow_blank=True,
        help_text="The quorum of plenary meetings: `half+1`, `2/3` or a number; empty: none.",
    )
    standard_workgroups = BooleanField(required=False, default=True)


class CommitteeUpdateSerializer(InputSerializer):
    slug = serializers.SlugField(
        max_length=50,
        required=False,
        error_messages={"invalid": _("نامک فقط حرف لاتین، رقم، - و _ می‌پذیرد.")},
    )
    name = text(200, required=False)
    municipality = text(200, required=False)
    city = text(100, required=False)
    description = text(TEXT_MAX, required=False, allow_blank=True)
    duties = text(TEXT_MAX, required=False, allow_blank=True)
    quorum = text(16, required=False, allow_blank=True)


class OrganizationInputSerializer(InputSerializer):
    """An organisation: a municipal body, another public body (city council, provincial
    agency, police, utility company) or a media outlet. Its ``kind`` decides its side."""

    name = text(200)
    kind = ChoiceField(choices=Organization.Kind.choices)
    website = serializers.URLField(
        max_length=200,
        required=False,
        allow_blank=True,
        error_messages={"invalid": _("نشانی وب‌سایت را کامل بفرستید، مانند https://example.ir")},
    )


class OrganizationUpdateSerializer(OrganizationInputSerializer):
    name = text(200, required=False)
    kind = ChoiceField(choices=Organization.Kind.choices, required=False)


class PersonInputSerializer(InputSerializer):
    """A person. ``email`` and ``phone`` are the secretariat's own and never public."""

    first_name = text(100)
    last_name = text(100)
    post = text(200, help_text="Their post, e.g. «معاون عمرانی شهردار».")
    organization = IdField(queryset=Organization.objects.all())
    email = serializers.EmailField(
        max_length=254,
        required=False,
        allow_blank=True,
        error_messages={"invalid": _("نشانی رایانامه درست نیست.")},
    )
    phone = text(32, required=False, allow_blank=True)


class PersonUpdateSerializer(PersonInputSerializer):
    first_name = text(100, required=False)
    last_name = text(100, required=False)
    post = text(200, required=False)
    organization = IdField(queryset=Organization.objects.all(), required=False)


class AccountInviteSerializer(InputSerializer):
    """A login for the person. Both fields are optional: the email defaults to the
    person's, the username to the email. No password is accepted or returned."""

    username = text(150, required=False, allow_blank=True)
    email = serializers.EmailField(
        max_length=254,
        required=False,
        allow_blank=True,
        error_messages={"invalid": _("نشانی رایانامه درست نیست.")},
    )

    def validate(self, data):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {
                    name: [_("این فیلد پذیرفته نیست؛ گذرواژه را خود شخص برمی‌گزیند.")]
                    for name in unknown
                },
                code="invalid",
            )
        return data


class CommitteeRoleInputSerializer(InputSerializer):
    """A term in a committee role: the chair (the mayor), the head of the secretariat
    (the director of public relations) or secretariat staff."""

    committee = IdField(queryset=Committee.objects.all())
    person = IdField(queryset=Person.objects.all(), visible="people")
    role = ChoiceField(choices=CommitteeRole.Role.choices)
    start_date = DateField()
    end_date = DateField(required=False, allow_null=True, help_text="Open-ended when empty.")


class CommitteeRoleUpdateSerializer(InputSerializer):
    person = IdField(queryset=Person.objects.all(), visible="people", required=False)
    start_date = DateField(required=False)
    end_date = DateField(required=False, allow_null=True, help_text="The last day of the term.")
