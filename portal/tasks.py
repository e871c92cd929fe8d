"""The portal's background tasks (Django's tasks API, as minutes/tasks.py): the season's
report for the mayor, rendered and sealed by the worker (portal.season_reports)."""

from __future__ import annotations

from django_tasks import task


@task()
def store_season_report(report_id: int) -> bool:
    """Render, seal and store one requested version of a season's report, once: True when
    this run stored it (portal.season_reports.store_season_report)."""
    from portal.season_reports import store_season_report as store  # the renderer is heavy

    return store(report_id)


def enqueue_season_report(report_id: int) -> None:
    """Queue it (called once the request has committed)."""
    store_season_report.enqueue(report_id)
