from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from minutes import services
from minutes.errors import ServiceError
from minutes.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Invitation,
    Meeting,
    Minutes,
    Question,
)
from persian.digits import to_persian_digits
from persian.jalali import format_date, format_datetime


class FrozenAdminMixin:
    """Published minutes and what they record are read-only in the admin too: the models
    refuse such changes anyway, and the admin shows them as a read-only page instead of
    failing on save."""

    def _frozen(self, obj) -> bool:
        if obj is None:
            return False
        if isinstance(obj, Minutes):
            return obj.is_published
        meeting = obj if isinstance(obj, Meeting) else getattr(obj, "meeting", None)
        return meeting is not None and meeting.record_is_frozen()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._frozen(obj)


class FrozenInlineMixin:
    """Inlines of a meeting whose record is published: view only."""

    def _parent_frozen(self, obj) -> bool:
        return isinstance(obj, Meeting) and obj.record_is_frozen()

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._parent_frozen(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._parent_frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._parent_frozen(obj)


class AgendaItemInline(FrozenInlineMixin, admin.StackedInline):
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


class AttendanceInline(FrozenInlineMixin, admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "status", "person_name", "post", "organization_name"]
    readonly_fields = ["person_name", "post", "organization_name"]


class DecisionInline(FrozenInlineMixin, admin.StackedInline):
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


class MinutesInline(FrozenInlineMixin, admin.StackedInline):
    model = Minutes
    extra = 0
    fields = ["revision", "status", "summary", "corrects", "correction_reason"]


@admin.register(Meeting)
class MeetingAdmin(FrozenAdminMixin, admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(AgendaItem)
class AgendaItemAdmin(FrozenAdminMixin, admin.ModelAdmin):
    list_display = ["title", "meeting", "order", "kind", "is_public"]
    list_filter = ["kind", "is_public", "meeting__workgroup"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["meeting", "presenter"]
    list_select_related = ["meeting__workgroup", "meeting__committee"]


@admin.register(Attendance)
class AttendanceAdmin(FrozenAdminMixin, admin.ModelAdmin):
    list_display = ["person_name", "post", "organization_name", "status", "meeting"]
    list_filter = ["status", "organization_kind", "meeting__workgroup"]
    search_fields = ["person_name", "post", "organization_name"]
    autocomplete_fields = ["meeting", "person"]
    list_select_related = ["meeting__workgroup", "meeting__committee"]
    readonly_fields = ["person_name", "post", "organization_name", "organization_kind"]


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    fields = ["date", "status", "note", "recorded_by"]
    readonly_fields = ["recorded_by"]


@admin.register(Decision)
class DecisionAdmin(FrozenAdminMixin, admin.ModelAdmin):
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
class MinutesAdmin(FrozenAdminMixin, admin.ModelAdmin):
    list_display = ["meeting", "revision", "status", "published_display"]
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

    def _run(self, request, queryset, service, done):
        """Admin actions go through the same services as the working interface."""
        for minutes in queryset:
            try:
                service(request.user, minutes)
            except ServiceError as error:
                self.message_user(request, f"{minutes}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, f"{minutes}: {done}", messages.SUCCESS)

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


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["decision", "date", "status", "recorded_by"]
    list_filter = ["status"]
    search_fields = ["note", "decision__text"]
    autocomplete_fields = ["decision"]
    readonly_fields = ["recorded_by", "created_at"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["person", "meeting", "is_guest", "response", "sent_at"]
    list_filter = ["response", "is_guest", "meeting__workgroup"]
    search_fields = ["person__first_name", "person__last_name", "meeting__title"]
    autocomplete_fields = ["meeting", "person"]
    list_select_related = ["person", "meeting__workgroup", "meeting__committee"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "meeting", "kind", "status"]
    list_filter = ["status", "kind", "meeting__workgroup"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["meeting", "author", "agenda_item"]
    list_select_related = ["author", "meeting__workgroup", "meeting__committee"]
    readonly_fields = ["decided_at", "decided_by"]
