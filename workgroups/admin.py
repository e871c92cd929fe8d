from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from committee.admin import ReadOnlyAdmin
from persian.jalali import format_date
from workgroups.models import (
    Membership,
    Workgroup,
    WorkgroupUserObjectPermission,
)
from workgroups.permissions import sync_workgroup_permissions


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "is_permanent", "is_chair", "start_date", "end_date"]


@admin.register(Workgroup)
class WorkgroupAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "committee", "order", "chair_display"]
    list_filter = ["committee"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [MembershipInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Memberships edited here change who may do what: recompute at once.
        sync_workgroup_permissions(form.instance)

    @admin.display(description=_("رییس کارگروه"))
    def chair_display(self, obj: Workgroup) -> str:
        return str(obj.chair or "—")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "workgroup", "role_display", "start_display", "end_display"]
    list_filter = ["workgroup", "is_chair", "is_permanent", "person__organization__kind"]
    search_fields = ["person__first_name", "person__last_name", "workgroup__name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person", "workgroup"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sync_workgroup_permissions(obj.workgroup)

    def delete_model(self, request, obj):
        workgroup = obj.workgroup
        super().delete_model(request, obj)
        sync_workgroup_permissions(workgroup)

    @admin.display(description=_("نقش"))
    def role_display(self, obj: Membership) -> str:
        return obj.get_role_display()

    @admin.display(description=_("آغاز دوره"), ordering="start_date")
    def start_display(self, obj: Membership) -> str:
        return format_date(obj.start_date)

    @admin.display(description=_("پایان دوره"), ordering="end_date")
    def end_display(self, obj: Membership) -> str:
        return format_date(obj.end_date) or "—"


@admin.register(WorkgroupUserObjectPermission)
class WorkgroupUserObjectPermissionAdmin(ReadOnlyAdmin):
    """Derived from memberships by the services; shown so the secretariat can check."""

    list_display = ["user", "permission", "content_object"]
    list_filter = ["permission", "content_object"]
    list_select_related = ["user", "permission", "content_object"]
