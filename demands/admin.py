"""Demands in the admin: the committee's lists (topics and districts) edited directly, as
reference data; demands and supports read-only, moderated through demands.services (the
actions below, or the triage page), which audits it. The email address is shown here, to
staff only, so that a citizen's request to erase it can be answered; never on the site."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from committee.admin import ReadOnlyAdmin
from committee.services import can_manage_committee, managed_committees
from demands import services
from demands.models import Demand, District, ImportBatch, ImportedCount, Support, Topic
from minutes.errors import ServiceError
from persian.search import FoldedSearchAdminMixin
from workgroups.models import Workgroup


class CommitteeListAdmin(FoldedSearchAdminMixin, admin.ModelAdmin):
    """A committee's list (topics, districts): staff with the model permission see and
    keep only the lists of the committees whose secretariat they are (a superuser, all)."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(committee__in=managed_committees(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "committee":
            kwargs["queryset"] = managed_committees(request.user)
        elif db_field.name == "workgroup":
            kwargs["queryset"] = Workgroup.objects.filter(
                committee__in=managed_committees(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _allowed(self, request, obj) -> bool:
        return obj is None or can_manage_committee(request.user, obj.committee)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._allowed(request, obj)


class CommitteeRecordAdmin(ReadOnlyAdmin):
    """Read-only records of the committees whose secretariat the staff member is."""

    committee_path = "committee"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(**{f"{self.committee_path}__in": managed_committees(request.user)})
        )


@admin.register(Topic)
class TopicAdmin(CommitteeListAdmin):
    list_display = ("name", "committee", "workgroup", "order")
    list_filter = ("committee", "workgroup")
    list_editable = ("order",)
    search_fields = ("name",)


@admin.register(District)
class DistrictAdmin(CommitteeListAdmin):
    list_display = ("name", "committee", "order")
    list_filter = ("committee",)
    list_editable = ("order",)
    search_fields = ("name",)


class SupportInline(admin.TabularInline):
    model = Support
    fields = ("created_at",)
    readonly_fields = ("created_at",)
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Demand)
class DemandAdmin(CommitteeRecordAdmin):
    list_display = ("title", "committee", "topic", "district", "status", "created_at")
    list_filter = ("status", "committee", "topic", "district", "workgroup")
    search_fields = ("title", "description", "neighbourhood")
    date_hierarchy = "created_at"
    fields = (
        "committee",
        "workgroup",
        "title",
        "description",
        "topic",
        "district",
        "neighbourhood",
        "photo",
        "email",
        "status",
        "rejection_reason",
        "merged_into",
        "agenda_item",
        "created_at",
        "published_at",
        "moderated_by",
        "moderated_at",
        "linked_at",
        "decided_notified_at",
    )
    readonly_fields = fields
    inlines = [SupportInline]
    actions = ["publish_selected"]

    @admin.action(description=_("انتشار مطالبات انتخاب‌شده"))
    def publish_selected(self, request, queryset):
        for demand in queryset:
            try:
                services.publish_demand(request.user, demand)
            except ServiceError as error:
                self.message_user(request, f"{demand}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, f"{demand}: {_('منتشر شد.')}", messages.SUCCESS)


@admin.register(ImportBatch)
class ImportBatchAdmin(CommitteeRecordAdmin):
    """The files of the 137 centre's counts, as imported (demands.imports): a record."""

    list_display = ("imported_at", "committee", "file_name", "rows", "created", "updated")
    list_filter = ("committee", "channel")
    date_hierarchy = "imported_at"
    fields = (
        "committee",
        "channel",
        "file_name",
        "sha256",
        "rows",
        "created",
        "updated",
        "unchanged",
        "imported_by",
        "imported_at",
    )
    readonly_fields = fields


@admin.register(ImportedCount)
class ImportedCountAdmin(CommitteeRecordAdmin):
    """The counts are changed only by importing a file again (the secretariat's page)."""

    list_display = ("committee", "year", "month", "topic", "district", "requests")
    list_filter = ("committee", "channel", "year", "topic", "district")
    fields = ("committee", "channel", "year", "month", "topic", "district", "requests", "batch")
    readonly_fields = fields
