"""The portal in the admin: comments (moderated through portal.services, with the audit
entry) and the index of published minutes, read-only (it is rebuilt from the snapshots)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from committee.admin import ReadOnlyAdmin
from minutes.errors import ServiceError
from persian.admin_dates import JalaliAdminMixin
from persian.search import FoldedSearchAdminMixin
from portal import services
from portal.models import Comment, PublicDecision, PublishedDocument, SeasonReport


@admin.register(PublishedDocument)
class PublishedDocumentAdmin(ReadOnlyAdmin):
    list_display = ("document_id", "title", "body_name", "published_at", "is_latest")
    list_filter = ("is_latest", "committee", "workgroup")
    search_fields = ("document_id", "title")
    exclude = ("search_text",)


@admin.register(PublicDecision)
class PublicDecisionAdmin(ReadOnlyAdmin):
    list_display = ("document", "number", "responsible_organization", "deadline")
    list_filter = ("committee", "workgroup")
    search_fields = ("text",)
    exclude = ("search_text",)


@admin.register(SeasonReport)
class SeasonReportAdmin(ReadOnlyAdmin):
    """The season reports as produced (portal.season_reports): read-only, the file and its
    SHA-256 are written once by the worker; a failed one shows its error."""

    list_display = ("committee", "year", "season", "version", "status", "produced_at", "sha256")
    list_filter = ("committee", "status", "year")


@admin.register(Comment)
class CommentAdmin(JalaliAdminMixin, FoldedSearchAdminMixin, admin.ModelAdmin):
    list_display = ("name", "minutes", "status", "created_at", "moderated_by")
    list_filter = ("status",)
    search_fields = ("name", "body")
    readonly_fields = (
        "minutes",
        "name",
        "body",
        "status",
        "rejection_reason",
        "created_at",
        "moderated_by",
        "moderated_at",
    )
    exclude = ("visitor_key",)
    actions = ["approve_selected"]

    # Read-only like the record: moderation goes through portal.services (the action
    # below, or the secretariat's moderation page), which audits it.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("انتشار دیدگاه‌های انتخاب‌شده"))
    def approve_selected(self, request, queryset):
        for comment in queryset:
            try:
                services.approve_comment(request.user, comment)
            except ServiceError as error:
                self.message_user(request, f"{comment}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, f"{comment}: {_('منتشر شد.')}", messages.SUCCESS)
