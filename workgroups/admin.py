"""Workgroups and memberships in the admin: editable by the committee's secretariat, every
save and delete through workgroups.services (the members page's functions where they
exist), so the audit entry and the permissions follow."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from committee import admin as committee_admin
from committee import services as committee_services
from committee.admin import CommitteeScopedAdmin, ReadOnlyAdmin
from committee.models import Person
from persian.jalali import format_date
from workgroups import services
from workgroups.models import (
    Membership,
    Workgroup,
    WorkgroupUserObjectPermission,
)


def save_membership(actor, membership: Membership) -> Membership:
    """The admin's form edits a term as a whole; pick the service the members page would
    use for the same change: a new seat, a term ended, or any other correction."""
    old = committee_services.stored(membership)
    if old is None:
        seat = services.add_membership(
            actor,
            membership.workgroup,
            membership.person,
            role=membership.role,
            start_date=membership.start_date,
            end_date=membership.end_date,
        )
        # The admin goes on with its own instance (its redirect, its log entry).
        membership.pk, membership._state.adding = seat.pk, False
        return membership
    fields = ("workgroup_id", "person_id", "is_permanent", "is_chair", "start_date", "end_date")
    changed = {name for name in fields if getattr(old, name) != getattr(membership, name)}
    if changed == {"end_date"} and membership.end_date is not None:
        return services.end_membership(actor, membership, membership.end_date)
    return services.update_membership(actor, membership)


MEMBERSHIP_SERVICES = (save_membership, services.remove_membership)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "is_permanent", "is_chair", "start_date", "end_date"]

    # Inline permissions are asked with the parent workgroup.
    def _may(self, request, workgroup: Workgroup | None) -> bool:
        if workgroup is None:
            return committee_services.can_manage_shared(request.user)
        return committee_services.can_manage_committee(request.user, workgroup.committee)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(request, obj)


@admin.register(Workgroup)
class WorkgroupAdmin(CommitteeScopedAdmin):
    list_display = ["name", "short_name", "committee", "order", "chair_display"]
    list_filter = ["committee"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [MembershipInline]
    model_services = (services.save_workgroup, services.delete_workgroup)
    formset_services = {Membership: MEMBERSHIP_SERVICES}

    @admin.display(description=_("رییس کارگروه"))
    def chair_display(self, obj: Workgroup) -> str:
        return str(obj.chair or "—")


@admin.register(Membership)
class MembershipAdmin(CommitteeScopedAdmin):
    list_display = ["person", "workgroup", "role_display", "start_display", "end_display"]
    list_filter = ["workgroup", "is_chair", "is_permanent", "person__organization__kind"]
    search_fields = ["person__first_name", "person__last_name", "workgroup__name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person", "workgroup"]
    model_services = MEMBERSHIP_SERVICES

    def committee_of(self, obj: Membership):
        return obj.workgroup.committee

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "workgroup":
            kwargs["queryset"] = Workgroup.objects.filter(
                committee__in=committee_services.managed_committees(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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


# A person's login decides the permissions of their seats on workgroups too, which the
# committee layer may not reach: the person admin saves through workgroups.services here.
admin.site.unregister(Person)


@admin.register(Person)
class PersonAdmin(committee_admin.PersonAdmin):
    model_services = (services.save_person, committee_services.delete_person)
