"""Meetings, their agendas, journalists' questions and invitations.

Reading starts from ``Meeting.objects.visible_to(user)`` (and the internal record from
``internal_to(user)``), see api/views/querysets.py. Writing goes through
minutes/services.py after the same ``minutes.policy`` checks the working interface makes.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from api import examples
from api.filters import AgendaItemFilter, InvitationFilter, QuestionFilter, date_parameter
from api.permissions import ReadAnyoneWriteAuthenticated
from api.serializers import read, write
from api.views import querysets
from api.views.base import BaseViewSet, CachedListModelMixin
from minutes import policy, services
from minutes.filters import MeetingFilter
from minutes.models import AgendaItem

AGENDA_REFUSED = gettext_lazy("دستور جلسه را فقط دبیرخانه کمیته تنظیم می‌کند.")
QUESTION_REFUSED = gettext_lazy("پرسش‌ها را فقط دبیرخانه کمیته می‌پذیرد یا رد می‌کند.")

JALALI_FILTERS = [
    date_parameter("since", "Meetings on or after this day"),
    date_parameter("until", "Meetings on or before this day"),
]


def _agenda_fields(row: dict) -> dict:
    """An agenda item as the services take it (only what was sent)."""
    fields = {"title": row["title"]}
    for name in ("description", "kind", "presenter", "is_public"):
        if name in row:
            fields[name] = row[name]
    return fields


def _new_meeting_fields(data: dict) -> dict:
    """A new meeting's fields for the services, from a validated create serializer."""
    return {
        "committee": data["committee"],
        "workgroup": data.get("workgroup"),
        "title": data["title"],
        "starts_at": data["starts_at"],
        "ends_at": data.get("ends_at"),
        "location": data["location"],
        "is_public": data.get("is_public", True),
        "agenda": [_agenda_fields(row) for row in data.get("agenda", [])],
        "secretary_person": data.get("secretary"),
    }


@extend_schema_view(
    list=extend_schema(
        summary="Meetings",
        description=(
            "Meetings the caller may see: announced ones and those with published minutes "
            "for everyone; the committee's and workgroups' meetings for their members and "
            "the secretariat (`internal` true)."
        ),
        parameters=JALALI_FILTERS,
    ),
    retrieve=extend_schema(summary="A meeting"),
)
class MeetingViewSet(CachedListModelMixin, mixins.RetrieveModelMixin, BaseViewSet):
    permission_classes = [ReadAnyoneWriteAuthenticated]
    read_serializer_class = read.MeetingSerializer
    filterset_class = MeetingFilter
    input_serializers = {
        "create": write.MeetingCreateSerializer,
        "register_past": write.PastMeetingCreateSerializer,
        "partial_update": write.MeetingUpdateSerializer,
        "cancel": write.ReasonSerializer,
        "invite": write.InviteSerializer,
        "record": write.RecordSerializer,
        "add_decision": write.DecisionCreateSerializer,
        "add_attachment": write.AttachmentCreateSerializer,
    }

    def get_queryset(self):
        return querysets.meetings(self.visibility)

    @extend_schema(
        summary="Schedule a meeting, with its agenda (secretariat)",
        examples=examples.SCHEDULE,
        request=write.MeetingCreateSerializer,
        responses={201: read.MeetingSerializer},
    )
    def create(self, request):
        self.forbid_unless(
            self.visibility.managed_committees.exists(),
            _("فقط دبیرخانه کمیته جلسه برنامه‌ریزی می‌کند."),
        )
        data = self.validated().validated_data
        meeting = services.schedule_meeting(request.user, **_new_meeting_fields(data))
        return self.respond(meeting, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Register a meeting held before it was entered here (secretariat)",
        examples=examples.REGISTER_PAST,
        description=(
            "For a committee's paper archive: the past date and time and the session number "
            "as it was (unique for the body and the Jalali year; a taken one is a 400 on "
            "`number`). The meeting is held at once; record its attendance, discussion, "
            "decisions and minutes as for any meeting. Its pages and PDF say «ثبت پسین»."
        ),
        request=write.PastMeetingCreateSerializer,
        responses={201: read.MeetingSerializer},
    )
    @action(detail=False, methods=["post"], url_path="register-past", url_name="register-past")
    def register_past(self, request):
        self.forbid_unless(
            self.visibility.managed_committees.exists(),
            _("فقط دبیرخانه کمیته جلسه ثبت می‌کند."),
        )
        data = self.validated().validated_data
        meeting = services.register_past_meeting(
            request.user, number=data["number"], **_new_meeting_fields(data)
        )
        return self.respond(meeting, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Reschedule or change a meeting (secretariat)",
        description="A new time or place notifies everyone invited.",
        request=write.MeetingUpdateSerializer,
        responses={200: read.MeetingSerializer},
    )
    def partial_update(self, request, pk=None):
        meeting = self.get_object()
        self.forbid_unless(
            policy.can_schedule(request.user, meeting.committee),
            _("فقط دبیرخانه کمیته جلسه را تغییر می‌دهد."),
        )
        changes = dict(self.validated().validated_data)
        if "secretary" in changes:
            changes["secretary_person"] = changes.pop("secretary")
        services.update_meeting(request.user, meeting, **changes)
        return self.respond(meeting)

    @extend_schema(
        summary="Cancel a meeting (secretariat)",
        request=write.ReasonSerializer,
        responses={200: read.MeetingSerializer},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        meeting = self.get_object()
        self.forbid_unless(
            policy.can_schedule(request.user, meeting.committee),
            _("فقط دبیرخانه کمیته جلسه را لغو می‌کند."),
        )
        reason = self.validated().validated_data["reason"]
        services.cancel_meeting(request.user, meeting, reason)
        return self.respond(meeting)

    @extend_schema(
        summary="Invite the body's members and guests (secretariat)",
        description="Runs again safely: only people not yet invited are invited.",
        request=write.InviteSerializer,
        responses={200: read.InviteResultSerializer},
    )
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        meeting = self.get_object()
        self.forbid_unless(
            policy.can_schedule(request.user, meeting.committee),
            _("فقط دبیرخانه کمیته دعوت‌نامه می‌فرستد."),
        )
        guests = self.validated().validated_data.get("guests", [])
        count = services.send_invitations(request.user, meeting, list(dict.fromkeys(guests)))
        fresh = self.get_queryset().get(pk=meeting.pk)
        data = read.InviteResultSerializer(
            {"invited": count, "meeting": fresh}, context=self.get_serializer_context()
        ).data
        return Response(data)

    @extend_schema(
        summary="Record attendance, discussion, answers and the summary",
        examples=examples.RECORD,
        description=(
            "The chair (the secretariat for a plenary) records everything; the secretariat "
            "may record attendance alone. `expected_version` is the draft's version the "
            "change is based on (0 before the first draft); a stale one is a 409. The "
            "meeting becomes held. Answers with the draft minutes."
        ),
        request=write.RecordSerializer,
        responses={200: read.MinutesSerializer},
    )
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        meeting = self.get_object()
        self.forbid_unless(
            policy.can_record_attendance(request.user, meeting),
            _("حضور و غیاب را دبیرخانه یا رییس جلسه ثبت می‌کند؛ مذاکرات را فقط رییس جلسه."),
        )
        serializer = self.validated(meeting=meeting)
        draft = services.record_meeting(request.user, meeting, **serializer.service_fields())
        return self.respond(
            draft,
            queryset=querysets.minutes(self.visibility),
            serializer_class=read.MinutesSerializer,
        )

    @extend_schema(
        summary="Read back the attendance recorded so far (members of the body, secretariat)",
        description=(
            "Everyone whose attendance the minutes must record — the body's members on the "
            "meeting day, the invitees, anyone else recorded — with what is recorded so far "
            "(empty `status`: not recorded; nobody is assumed present), their answer to the "
            "invitation, the quorum, and the draft's `draft_version` to send as "
            "`expected_version` with the next `record`. Before and after publication; a "
            "visitor gets 404 (published attendance is in the minutes' `content`)."
        ),
        request=None,
        responses={200: read.AttendanceSheetSerializer},
    )
    @action(detail=True, methods=["get"])
    def attendance(self, request, pk=None):
        meeting = self.get_object()
        if not meeting.api_internal:
            raise NotFound()
        expected = services.expected_attendance(meeting)
        return Response(
            {
                "meeting": meeting.pk,
                "draft_version": read.draft_version(meeting.api_minutes),
                "not_recorded": sum(1 for entry in expected if entry.row is None),
                "quorum": meeting.quorum().as_dict(),
                "attendance": read.ExpectedAttendanceSerializer(expected, many=True).data,
            }
        )

    @extend_schema(
        summary="Attach a document (secretariat, chair)",
        description=(
            "multipart/form-data: `file`, optional `title`, `agenda_item` (id; the "
            "attachment is then public or internal like the item) and `public` (for an "
            "attachment of the minutes). Typed by content; each file up to 20 MB, 100 MB "
            "per meeting. The public ones go inside the published PDF."
        ),
        request={"multipart/form-data": write.AttachmentCreateSerializer},
        responses={201: read.AttachmentSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="attachments",
        url_name="attachments",
        parser_classes=[MultiPartParser],
    )
    def add_attachment(self, request, pk=None):
        meeting = self.get_object()
        self.forbid_unless(
            policy.can_attach(request.user, meeting),
            _("پیوست را دبیرخانه یا رییس جلسه می‌افزاید."),
        )
        data = self.validated(meeting=meeting).validated_data
        attachment = services.add_attachment(
            request.user,
            meeting,
            upload=data["file"],
            title=data.get("title", ""),
            agenda_item=data.get("agenda_item"),
            public=data.get("public", True),
        )
        return Response(
            read.AttachmentSerializer(attachment, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Add a decision (the chair)",
        examples=examples.DECISION,
        request=write.DecisionCreateSerializer,
        responses={201: read.DecisionSerializer},
    )
    @action(detail=True, methods=["post"], url_path="decisions", url_name="decisions")
    def add_decision(self, request, pk=None):
        meeting = self.get_object()
        self.forbid_unless(
            policy.can_record(request.user, meeting),
            _("فقط رییس کارگروه مصوبات را ثبت می‌کند."),
        )
        serializer = self.validated(meeting=meeting)
        decision = services.add_decision(
            request.user,
            meeting,
            expected_version=serializer.validated_data["expected_version"],
            voters=serializer.voters(),
            **serializer.service_fields(),
        )
        return self.respond(
            decision,
            status_code=status.HTTP_201_CREATED,
            queryset=querysets.decisions(self.visibility),
            serializer_class=read.DecisionSerializer,
        )


@extend_schema_view(
    list=extend_schema(
        summary="Agenda items",
        description=(
            "Every item of meetings internal to the caller; for everyone else the public "
            "items as published (while the meeting's latest minutes revision is published)."
        ),
    ),
    retrieve=extend_schema(summary="An agenda item"),
)
class AgendaItemViewSet(
    CachedListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, BaseViewSet
):
    permission_classes = [ReadAnyoneWriteAuthenticated]
    read_serializer_class = read.AgendaItemSerializer
    filterset_class = AgendaItemFilter
    input_serializers = {
        "create": write.AgendaItemCreateSerializer,
        "partial_update": write.AgendaItemUpdateSerializer,
        "move": write.MoveSerializer,
    }

    def get_queryset(self):
        return querysets.agenda_items(self.visibility)

    def _item(self) -> AgendaItem:
        item = self.get_object()
        self.forbid_unless(
            policy.can_schedule(self.request.user, item.meeting.committee), AGENDA_REFUSED
        )
        return item

    @extend_schema(
        summary="Add an item to a meeting's agenda (secretariat)",
        request=write.AgendaItemCreateSerializer,
        responses={201: read.AgendaItemSerializer},
    )
    def create(self, request):
        self.forbid_unless(self.visibility.managed_committees.exists(), AGENDA_REFUSED)
        data = dict(self.validated().validated_data)
        meeting = data.pop("meeting")
        self.forbid_unless(policy.can_schedule(request.user, meeting.committee), AGENDA_REFUSED)
        item = services.add_agenda_item(request.user, meeting, **data)
        return self.respond(item, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change an agenda item (secretariat)",
        request=write.AgendaItemUpdateSerializer,
        responses={200: read.AgendaItemSerializer},
    )
    def partial_update(self, request, pk=None):
        item = self._item()
        changes = dict(self.validated().validated_data)
        version = changes.pop("expected_version", None)
        services.update_agenda_item(request.user, item, expected_version=version, **changes)
        return self.respond(item)

    @extend_schema(summary="Remove an agenda item (secretariat)", responses={204: None})
    def destroy(self, request, pk=None):
        item = self._item()
        services.remove_agenda_item(request.user, item)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Move an agenda item up (-1) or down (+1) (secretariat)",
        request=write.MoveSerializer,
        responses={200: read.AgendaItemSerializer},
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        item = self._item()
        offset = self.validated().validated_data["offset"]
        services.move_agenda_item(request.user, item, int(offset))
        return self.respond(item)


@extend_schema_view(
    list=extend_schema(
        summary="Journalists' questions",
        description=(
            "Questions of meetings internal to the caller: the secretariat and the body's "
            "chair see all of them, members their own. Everyone sees the accepted questions "
            "that published minutes record."
        ),
    ),
    retrieve=extend_schema(summary="A question"),
)
class QuestionViewSet(CachedListModelMixin, mixins.RetrieveModelMixin, BaseViewSet):
    permission_classes = [ReadAnyoneWriteAuthenticated]
    read_serializer_class = read.QuestionSerializer
    filterset_class = QuestionFilter
    input_serializers = {
        "create": write.QuestionCreateSerializer,
        "decline": write.ReasonSerializer,
    }

    def get_queryset(self):
        return querysets.questions(self.visibility)

    @extend_schema(
        summary="Propose a question or city problem (a journalist member)",
        request=write.QuestionCreateSerializer,
        responses={201: read.QuestionSerializer},
    )
    def create(self, request):
        person = self.visibility.person
        self.forbid_unless(
            person is not None and person.is_press,
            _("فقط اعضای رسانه‌ای همین کارگروه برای جلسه آن پرسش می‌فرستند."),
        )
        data = dict(self.validated().validated_data)
        meeting = data.pop("meeting")
        self.forbid_unless(
            policy.can_propose_question(request.user, meeting),
            _("فقط اعضای رسانه‌ای همین کارگروه برای جلسه آن پرسش می‌فرستند."),
        )
        question = services.propose_question(request.user, meeting, **data)
        return self.respond(question, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Accept a question onto the agenda (secretariat)",
        request=None,
        responses={200: read.QuestionSerializer},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        question = self.get_object()
        self.forbid_unless(
            policy.can_schedule(request.user, question.meeting.committee), QUESTION_REFUSED
        )
        services.accept_question(request.user, question)
        return self.respond(question)

    @extend_schema(
        summary="Decline a question, with the reason its author sees (secretariat)",
        request=write.ReasonSerializer,
        responses={200: read.QuestionSerializer},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        question = self.get_object()
        self.forbid_unless(
            policy.can_schedule(request.user, question.meeting.committee), QUESTION_REFUSED
        )
        reason = self.validated().validated_data["reason"]
        services.decline_question(request.user, question, reason)
        return self.respond(question)


@extend_schema_view(
    list=extend_schema(
        summary="Invitations",
        description="Of meetings internal to the caller, and the caller's own.",
    ),
    retrieve=extend_schema(summary="An invitation"),
)
class InvitationViewSet(CachedListModelMixin, mixins.RetrieveModelMixin, BaseViewSet):
    permission_classes = [ReadAnyoneWriteAuthenticated]
    read_serializer_class = read.InvitationSerializer
    filterset_class = InvitationFilter
    input_serializers = {"respond_": write.InvitationResponseSerializer}

    def get_queryset(self):
        return querysets.invitations(self.visibility)

    @extend_schema(
        summary="Answer one's own invitation",
        request=write.InvitationResponseSerializer,
        responses={200: read.InvitationSerializer},
    )
    @action(detail=True, methods=["post"], url_path="respond", url_name="respond")
    def respond_(self, request, pk=None):
        invitation = self.get_object()
        person = self.visibility.person
        self.forbid_unless(
            person is not None and invitation.person_id == person.pk,
            _("هر کس فقط به دعوت‌نامه خودش پاسخ می‌دهد."),
        )
        data = self.validated().validated_data
        services.respond_to_invitation(
            request.user, invitation, data["response"], data.get("note", "")
        )
        return self.respond(invitation)
