"""Views of the project itself rather than of one app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """«The process answers»: for a load balancer's or supervisor's liveness check. It
    touches neither the database nor the session, so it also serves the benchmarks
    (bench/http_load.py) as the trivial Django view every other figure is compared with."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
