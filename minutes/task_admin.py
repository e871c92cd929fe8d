"""The background tasks in the admin: the secretariat sees which PDF failed, with its error,
and sends it to the worker again.

django-tasks-db registers its results read-only; this keeps that (a result is a log, not
something to edit) and adds the revision a PDF task is for, its error, and one action:
queue again (``manage.py store_pdfs`` does the same for every missing PDF, from cron).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from minutes.models import Minutes
from minutes.tasks import enqueue_pdf, store_minutes_pdf


def _minutes_id(result: DBTaskResult) -> int | None:
    if result.task_path != store_minutes_pdf.module_path:
        return None
    args = (result.args_kwargs or {}).get("args") or []
    return args[0] if args and isinstance(args[0], int) else None


def failed_tasks_url() -> str:
    """The admin's list of failed tasks (linked from the minutes list)."""
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    return f"{changelist}?status__exact={TaskResultStatus.FAILED}"


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = (
        "task_name",
        "minutes_display",
        "status",
        "error_display",
        "enqueued_at",
        "finished_at",
        "worker_ids",
    )
    actions = ["retry_selected"]

    @admin.display(description=_("صورتجلسه"))
    def minutes_display(self, obj: DBTaskResult) -> str:
        pk = _minutes_id(obj)
        if pk is None:
            return "—"
        minutes = Minutes.objects.filter(pk=pk).only("document_id").first()
        if minutes is None:
            return str(pk)
        url = reverse("admin:minutes_minutes_change", args=[pk])
        return format_html('<a href="{}">{}</a>', url, minutes.document_id or pk)

    @admin.display(description=_("خطا"))
    def error_display(self, obj: DBTaskResult) -> str:
        if obj.status != TaskResultStatus.FAILED:
            return "—"
        last_line = (obj.traceback or "").strip().splitlines()[-1:] or [obj.exception_class_path]
        return last_line[0][:200]

    @admin.action(description=_("تلاش دوباره (ساخت PDF)"))
    def retry_selected(self, request, queryset) -> None:
        """Queue again the PDF of each selected failed task whose revision still has none."""
        retried = 0
        for result in queryset.filter(status=TaskResultStatus.FAILED):
            pk = _minutes_id(result)
            if pk is None:
                continue
            if Minutes.objects.filter(pk=pk, status=Minutes.Status.PUBLISHED, sha256="").exists():
                enqueue_pdf(pk)
                retried += 1
        if retried:
            self.message_user(
                request,
                _("ساخت %(count)s PDF دوباره به صف کار فرستاده شد.") % {"count": retried},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request, _("در موارد انتخاب‌شده PDF ناتمامی برای تلاش دوباره نبود."), messages.INFO
            )
