"""The record of meetings in the admin: read-only for everyone, superusers included.

Meetings, agenda items, attendance, invitations, questions, decisions, follow-ups and
minutes change only through minutes.services, which check the permission and the draft's
version, write the audit entry and, on publication, freeze the snapshot, assign the
document id and store the PDF. The admin's only writes are the minutes actions below,
which call those services with the user who asked.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from minutes import services, task_admin
from minutes.errors import ServiceError
from minutes.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Invitation,
    Meeting,
    Minutes,
    OutboxEmail,
    PublishedRecordError,
    Question,
)
from persian.admin_dates import JalaliAdminMixin
from persian.digits import to_persian_digits
from persian.jalali import format_date, format_datetime
from persian.search import FoldedSearchAdminMixin


class RecordAdminMixin:
    """The record of meetings is read-only in the admin, for everyone, superusers included:
    it changes only through minutes.services (permission, version check, audit entry, and
    on publication the snapshot, the document id and the PDF), from the working pages or
    the API. The admin shows it for reading (the "view" permission)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordAdmin(RecordAdminMixin, JalaliAdminMixin, FoldedSearchAdminMixin, admin.ModelAdmin):
    def _run(self, request, queryset, service, done) -> None:
        """Admin actions call the same services as the working interface, with the user
        who asked; a refusal is an error message for that row, never a 500."""
        for obj in queryset:
            try:
                service(request.user, obj)
            except (ServiceError, PublishedRecordError) as error:
                self.message_user(request, f"{obj}: {_message(error)}", messages.ERROR)
            else:
                self.message_user(request, f"{obj}: {done}", messages.SUCCESS)


def _message(error: Exception) -> str:
    return getattr(error, "message", None) or str(error)


class AgendaItemInline(RecordAdminMixin, admin.StackedInline):
    model = AgendaItem
    extra = 0
    autocomplete_fields = ["presenter"]
    fields = [
        ("order", "kind", "is_public"),
        "title",
        "description",
        "presenter",
        "discussion",
        "answer",
    ]


class AttendanceInline(RecordAdminMixin, admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "status", "person_name", "post", "organization_name"]
    readonly_fields = ["person_name", "post", "organization_name"]


class DecisionInline(RecordAdminMixin, admin.StackedInline):
    model = Decision
    extra = 0
    autocomplete_fields = ["responsible_person", "responsible_organization", "agenda_item"]
    fields = [
        ("number", "status", "is_public"),
        "text",
        "agenda_item",
        ("responsible_organization", "responsible_person"),
        "deadline",
    ]


class MinutesInline(RecordAdminMixin, admin.StackedInline):
    model = Minutes
    extra = 0
    fields = ["revision", "status", "summary", "corrects", "correction_reason"]


@admin.register(Meeting)
class MeetingAdmin(RecordAdmin):
    list_display = ["title", "body_display", "number_display", "starts_display", "status"]
    list_filter = ["status", "committee", "workgroup", "is_public"]
    search_fields = ["title", "location"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["chair_person", "secretary_person"]
    list_select_related = ["committee", "workgroup"]
    readonly_fields = ["jalali_year", "created_by", "created_at", "updated_at"]
    inlines = [AgendaItemInline, AttendanceInline, DecisionInline, MinutesInline]

    @admin.display(description=_("نهاد"))
    def body_display(self, obj: Meeting) -> str:
        return obj.body_name

    @admin.display(description=_("شماره"), ordering="number")
    def number_display(self, obj: Meeting) -> str:
        return to_persian_digits(f"{obj.number}/{obj.jalali_year}")

    @admin.display(description=_("زمان شروع"), ordering="starts_at")
    def starts_display(self, obj: Meeting) -> str:
        return format_datetime(obj.starts_at)


@admin.register(AgendaItem)
class AgendaItemAdmin(RecordAdmin):
    list_display = ["title", "meeting", "order", "kind", "is_public"]
    list_filter = ["kind", "is_public", "meeting__workgroup"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["meeting", "presenter"]
    list_select_related = ["meeting__workgroup", "meeting__committee"]


@admin.register(Attendance)
class AttendanceAdmin(RecordAdmin):
    list_display = ["person_name", "post", "organization_name", "status", "meeting"]
    list_filter = ["status", "organization_kind", "meeting__workgroup"]
    search_fields = ["person_name", "post", "organization_name"]
    autocomplete_fields = ["meeting", "person"]
    list_select_related = ["meeting__workgroup", "meeting__committee"]
    readonly_fields = ["person_name", "post", "organization_name", "organization_kind"]


class FollowUpInline(RecordAdminMixin, admin.TabularInline):
    model = FollowUp
    extra = 0
    fields = ["date", "status", "note", "recorded_by"]
    readonly_fields = ["recorded_by"]


@admin.register(Decision)
class DecisionAdmin(RecordAdmin):
    inlines = [FollowUpInline]
    list_display = [
        "number",
        "text",
        "meeting",
        "responsible_organization",
        "deadline_display",
        "status",
    ]
    list_filter = ["status", "is_public", "meeting__workgroup", "responsible_organization"]
    search_fields = ["text"]
    autocomplete_fields = [
        "meeting",
        "responsible_person",
        "responsible_organization",
        "agenda_item",
    ]
    list_select_related = ["meeting__workgroup", "meeting__committee", "responsible_organization"]

    @admin.display(description=_("مهلت اجرا"), ordering="deadline")
    def deadline_display(self, obj: Decision) -> str:
        return format_date(obj.deadline) or "—"


@admin.register(Minutes)
class MinutesAdmin(RecordAdmin):
    list_display = ["meeting", "revision", "status", "published_display", "pdf_display"]
    list_filter = ["status", "meeting__workgroup"]
    search_fields = ["meeting__title", "summary"]
    autocomplete_fields = ["meeting"]
    list_select_related = ["meeting__workgroup", "meeting__committee"]
    readonly_fields = [
        "status",
        "created_at",
        "updated_at",
        "submitted_at",
        "approved_at",
        "published_at",
        "document_id",
        "sha256",
    ]
    actions = ["submit_selected", "approve_selected", "publish_selected"]

    @admin.action(description=_("ارسال برای تأیید"))
    def submit_selected(self, request, queryset):
        self._run(request, queryset, services.submit_minutes, _("برای تأیید فرستاده شد."))

    @admin.action(description=_("تأیید"))
    def approve_selected(self, request, queryset):
        self._run(request, queryset, services.approve_minutes, _("تأیید شد."))

    @admin.action(description=_("انتشار عمومی"))
    def publish_selected(self, request, queryset):
        self._run(request, queryset, services.publish_minutes, _("منتشر شد."))

    @admin.display(description=_("زمان انتشار"), ordering="published_at")
    def published_display(self, obj: Minutes) -> str:
        return format_datetime(obj.published_at) or "—"

    @admin.display(description=_("PDF"))
    def pdf_display(self, obj: Minutes) -> str:
        if not obj.is_published:
            return "—"
        if obj.sha256:
            return str(_("ذخیره‌شده"))
        # Not stored yet: queued, or failed — the tasks' list says which, and retries.
        return format_html(
            '<a href="{}">{}</a>', task_admin.failed_tasks_url(), _("در حال تهیه PDF…")
        )


@admin.register(FollowUp)
class FollowUpAdmin(RecordAdmin):
    list_display = ["decision", "date", "status", "recorded_by"]
    list_filter = ["status"]
    search_fields = ["note", "decision__text"]
    autocomplete_fields = ["decision"]
    readonly_fields = ["recorded_by", "created_at"]


@admin.register(Invitation)
class InvitationAdmin(RecordAdmin):
    list_display = ["person", "meeting", "is_guest", "response", "sent_at"]
    list_filter = ["response", "is_guest", "meeting__workgroup"]
    search_fields = ["person__first_name", "person__last_name", "meeting__title"]
    autocomplete_fields = ["meeting", "person"]
    list_select_related = ["person", "meeting__workgroup", "meeting__committee"]


@admin.register(Question)
class QuestionAdmin(RecordAdmin):
    list_display = ["title", "author", "meeting", "kind", "status"]
    list_filter = ["status", "kind", "meeting__workgroup"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["meeting", "author", "agenda_item"]
    list_select_related = ["author", "meeting__workgroup", "meeting__committee"]
    readonly_fields = ["decided_at", "decided_by"]


@admin.register(OutboxEmail)
class OutboxEmailAdmin(RecordAdmin):
    """Every email on record, for reading; the one write is «ارسال دوباره» (the service
    resend_email, the same as the outbox pages' button)."""

    list_display = ["to", "person", "kind", "subject", "status", "attempts", "queued_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject", "person__first_name", "person__last_name"]
    list_select_related = ["person", "meeting__workgroup", "meeting__committee"]
    readonly_fields = ["last_error"]
    # The bodies carry the invitee's answer links, which answer for them without a login:
    # nobody but the recipient reads them (the subject and the kind say what was sent).
    exclude = ["text", "html", "attachments"]
    date_hierarchy = "queued_at"
    actions = ["resend"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    @admin.action(description=_("ارسال دوباره ایمیل‌های انتخاب‌شده"))
    def resend(self, request, queryset) -> None:
        self._run(
            request,
            queryset.exclude(status=OutboxEmail.Status.SENT),
            services.resend_email,
            _("دوباره در صف ارسال گذاشته شد."),
        )


# Closed by default: a record model added to the app without an admin of its own is shown
# here read-only like the rest, rather than left out or given a writable default.
for _model in apps.get_app_config("minutes").get_models():
    if not admin.site.is_registered(_model):
        admin.site.register(_model, RecordAdmin)
