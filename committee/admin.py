"""The reference data in the admin: editable, but every save and delete goes through
committee.services (permission, validation, audit entry, permissions kept in step). The
records of meetings are read-only there (minutes/admin.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from committee import services
from committee.models import (
    AuditEntry,
    Committee,
    CommitteeRole,
    CommitteeUserObjectPermission,
    Organization,
    Person,
)
from committee.services import ReferenceDataError
from persian.admin_dates import JalaliAdminMixin
from persian.jalali import format_date
from persian.search import FoldedSearchAdminMixin

# What a service refuses with; shown to the person, never a 500.
REFUSALS: tuple[type[Exception], ...] = (ReferenceDataError, ValidationError)


def refusal(error: Exception) -> tuple[str | None, str]:
    """(field, message) of a refusal."""
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            field, texts = next(iter(error.message_dict.items()))
            return (None if field == "__all__" else field), texts[0]
        return None, error.messages[0]
    return getattr(error, "field", None), getattr(error, "message", str(error))


class ReadOnlyAdmin(JalaliAdminMixin, FoldedSearchAdminMixin, admin.ModelAdmin):
    """For records written only by the services: readable, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(
    permissions=["delete"],
    description=_("Delete selected %(verbose_name_plural)s"),  # Django's own, translated
)
def delete_selected(modeladmin, request, queryset):
    """Django's bulk delete, but through the services and all or nothing."""
    try:
        with transaction.atomic():
            return django_delete_selected(modeladmin, request, queryset)
    except REFUSALS as error:
        modeladmin.message_user(request, refusal(error)[1], messages.ERROR)
        return None


class ServiceAdminMixin:
    """A ModelAdmin whose saves and deletes call services instead of the ORM.

    ``model_services`` is the (save, delete) pair for the model, each called as
    ``service(request.user, obj)``; ``formset_services`` maps an inline's model to its pair.
    A refusal (ReferenceDataError, ValidationError) on save is shown on the form, which is
    rendered again with what was typed; on delete it is an error message. Rows the services
    derive themselves (audit entries, permission rows: their admin is a ReadOnlyAdmin) do
    not stop a delete that cascades to them.
    """

    model_services: tuple[Callable, Callable]
    formset_services: dict[type[models.Model], tuple[Callable, Callable]] = {}
    actions = [delete_selected]

    def save_model(self, request, obj, form, change):
        self.model_services[0](request.user, obj)

    def delete_model(self, request, obj):
        self.model_services[1](request.user, obj)

    def delete_queryset(self, request, queryset):
        # Called by delete_selected inside its transaction: the first refusal undoes all.
        for obj in queryset:
            self.model_services[1](request.user, obj)

    def save_formset(self, request, form, formset, change):
        try:
            save, delete = self.formset_services[formset.model]
        except KeyError:
            # Closed by default: an inline nobody routed through a service saves nothing.
            raise ReferenceDataError(_("این بخش از راه مدیریت ذخیره نمی‌شود.")) from None
        formset.save(commit=False)
        # Deletions first, then changes, then new rows: a term ended or removed makes room
        # for the one that replaces it.
        for obj in formset.deleted_objects:
            delete(request.user, obj)
        for obj, _changed in formset.changed_objects:
            save(request.user, obj)
        for obj in formset.new_objects:
            save(request.user, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except REFUSALS as error:
            # The first pass was rolled back; the second shows the refusal on the form.
            request._service_refusal = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        error = getattr(request, "_service_refusal", None)
        if error is None:
            return form_class
        field, message = refusal(error)

        class RefusedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                self.add_error(field if field in self.fields else None, message)
                return cleaned

        return RefusedForm

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except REFUSALS as error:
            self.message_user(request, refusal(error)[1], messages.ERROR)
            opts = self.opts
            return HttpResponseRedirect(
                reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change",
                    args=[object_id],
                    current_app=self.admin_site.name,
                )
            )

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        derived = {
            str(model._meta.verbose_name)
            for model, model_admin in self.admin_site._registry.items()
            if isinstance(model_admin, ReadOnlyAdmin)
        }
        return to_delete, model_count, {p for p in perms_needed if str(p) not in derived}, protected


class CommitteeRoleInline(admin.TabularInline):
    model = CommitteeRole
    extra = 0
    autocomplete_fields = ["person"]

    # Inline permissions are asked with the parent committee.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and _may_keep_roles(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _may_keep_roles(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _may_keep_roles(request, obj)


def _may_keep_roles(request, committee: Committee | None) -> bool:
    if committee is None:
        return services.can_manage_shared(request.user)
    return services.can_manage_committee(request.user, committee)


@admin.register(Committee)
class CommitteeAdmin(ServiceAdminMixin, FoldedSearchAdminMixin, admin.ModelAdmin):
    """Committees are defined by a superuser; the secretariat reads them here and keeps
    their roles in the committee roles' own page."""

    list_display = ["name", "municipality", "city", "slug"]
    search_fields = ["name", "municipality", "city"]
    prepopulated_fields = {"slug": ["city"]}
    inlines = [CommitteeRoleInline]
    model_services = services.SERVICES[Committee]
    formset_services = {CommitteeRole: services.SERVICES[CommitteeRole]}

    def has_add_permission(self, request):
        return super().has_add_permission(request) and services.can_edit_committees(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and services.can_edit_committees(request.user)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and services.can_edit_committees(request.user)


class SharedReferenceAdmin(ServiceAdminMixin, FoldedSearchAdminMixin, admin.ModelAdmin):
    """Organisations and people: kept by the secretariat of any committee."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and services.can_manage_shared(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and services.can_manage_shared(request.user)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and services.can_manage_shared(request.user)


@admin.register(Organization)
class OrganizationAdmin(SharedReferenceAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "side_display"]
    list_filter = ["kind"]
    search_fields = ["name"]
    model_services = services.SERVICES[Organization]

    @admin.display(description=_("طرف"))
    def side_display(self, obj: Organization) -> str:
        return obj.get_side_display()


@admin.register(Person)
class PersonAdmin(SharedReferenceAdmin):
    """workgroups/admin.py registers a subclass that also keeps workgroup permissions."""

    list_display = ["full_name", "post", "organization", "user"]
    list_filter = ["organization__kind", "organization"]
    search_fields = ["first_name", "last_name", "post", "organization__name"]
    autocomplete_fields = ["organization", "user"]
    list_select_related = ["organization", "user"]
    model_services = services.SERVICES[Person]

    @admin.display(description=_("نام و نام خانوادگی"), ordering="last_name")
    def full_name(self, obj: Person) -> str:
        # Sortable by its column, by the family name (in Persian order: its db_collation).
        return obj.full_name


class CommitteeScopedAdmin(ServiceAdminMixin, FoldedSearchAdminMixin, admin.ModelAdmin):
    """Rows of one committee, kept by its secretariat: ``committee_of(obj)`` says which."""

    def committee_of(self, obj) -> Committee:
        return obj.committee

    def _may(self, request, obj) -> bool:
        if obj is None:
            return services.can_manage_shared(request.user)
        return services.can_manage_committee(request.user, self.committee_of(obj))

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._may(request, None)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only the committees the user's secretariat keeps.
        if db_field.name == "committee":
            kwargs["queryset"] = services.managed_committees(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(CommitteeRole)
class CommitteeRoleAdmin(CommitteeScopedAdmin):
    list_display = ["person", "role", "committee", "start_display", "end_display"]
    list_filter = ["committee", "role"]
    search_fields = ["person__first_name", "person__last_name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person", "committee"]
    model_services = services.SERVICES[CommitteeRole]

    @admin.display(description=_("آغاز دوره"), ordering="start_date")
    def start_display(self, obj: CommitteeRole) -> str:
        return format_date(obj.start_date)

    @admin.display(description=_("پایان دوره"), ordering="end_date")
    def end_display(self, obj: CommitteeRole) -> str:
        return format_date(obj.end_date) or "—"


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


def _jalali_date_hierarchy_for_third_party_admins() -> None:
    """django-axes' lists of login attempts («Access attempts») drill down by date too:
    registered again with the Jalali hierarchy (axes is installed before this app, so its
    admin is loaded by now), and their search folded like every other admin's."""
    for model, model_admin in list(admin.site._registry.items()):
        if model._meta.app_label != "axes" or not model_admin.date_hierarchy:
            continue
        jalali = type(
            type(model_admin).__name__,
            (FoldedSearchAdminMixin, JalaliAdminMixin, type(model_admin)),
            {"__module__": __name__},
        )
        admin.site.unregister(model)
        admin.site.register(model, jalali)


_jalali_date_hierarchy_for_third_party_admins()
