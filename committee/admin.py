from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from committee.models import (
    AuditEntry,
    Committee,
    CommitteeRole,
    CommitteeUserObjectPermission,
    Organization,
    Person,
)
from committee.permissions import sync_committee_permissions
from persian.jalali import format_date
from persian.text import normalize


class NormalizedSearchMixin:
    """Admin search that also finds Persian typed with Arabic letters or other digits."""

    normalized_search_field = "search_text"

    def get_search_results(self, request, queryset, search_term):
        base = queryset
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            # OR with the same base queryset, so list filters still apply.
            queryset |= base.filter(
                **{f"{self.normalized_search_field}__icontains": normalize(search_term)}
            )
        return queryset, may_have_duplicates


class CommitteeRoleInline(admin.TabularInline):
    model = CommitteeRole
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "city", "slug"]
    search_fields = ["name", "municipality", "city"]
    prepopulated_fields = {"slug": ["city"]}
    inlines = [CommitteeRoleInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        sync_committee_permissions(form.instance)


@admin.register(Organization)
class OrganizationAdmin(NormalizedSearchMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "side_display"]
    list_filter = ["kind"]
    search_fields = ["name"]

    @admin.display(description=_("طرف"))
    def side_display(self, obj: Organization) -> str:
        return obj.get_side_display()


@admin.register(Person)
class PersonAdmin(NormalizedSearchMixin, admin.ModelAdmin):
    list_display = ["full_name", "post", "organization", "user"]
    list_filter = ["organization__kind", "organization"]
    search_fields = ["first_name", "last_name", "post", "organization__name"]
    autocomplete_fields = ["organization", "user"]
    list_select_related = ["organization", "user"]


@admin.register(CommitteeRole)
class CommitteeRoleAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "committee", "start_display", "end_display"]
    list_filter = ["committee", "role"]
    search_fields = ["person__first_name", "person__last_name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person", "committee"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sync_committee_permissions(obj.committee)

    def delete_model(self, request, obj):
        committee = obj.committee
        super().delete_model(request, obj)
        sync_committee_permissions(committee)

    @admin.display(description=_("آغاز دوره"), ordering="start_date")
    def start_display(self, obj: CommitteeRole) -> str:
        return format_date(obj.start_date)

    @admin.display(description=_("پایان دوره"), ordering="end_date")
    def end_display(self, obj: CommitteeRole) -> str:
        return format_date(obj.end_date) or "—"


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records written only by the services: readable, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_name", "action", "target_repr", "committee"]
    list_filter = ["action", "committee"]
    search_fields = ["actor_name", "target_repr", "action"]
    date_hierarchy = "at"


@admin.register(CommitteeUserObjectPermission)
class CommitteeUserObjectPermissionAdmin(ReadOnlyAdmin):
    """Derived from committee roles by the services; shown so the secretariat can check."""

    list_display = ["user", "permission", "content_object"]
    list_filter = ["permission"]
    list_select_related = ["user", "permission", "content_object"]
