"""Routes of the REST API, included at /api/ by config/urls.py.

/api/v1/         the API root: the collections' URLs and the documentation's
/api/v1/…        the resources, the token endpoint, the open-data exports and the check of
                 an uploaded PDF (/api/v1/verify/)
/api/schema/     the OpenAPI 3 schema (drf-spectacular)
/api/docs/       Swagger UI, /api/redoc/ Redoc — both served from the app (sidecar)
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from api.views import (
    auth,
    base,
    demands,
    imports,
    meetings,
    open_data,
    records,
    reference,
    reports,
    verify,
)

app_name = "api"

router = SimpleRouter()
router.include_format_suffixes = False
router.register("committees", reference.CommitteeViewSet, basename="committee")
router.register("workgroups", reference.WorkgroupViewSet, basename="workgroup")
router.register("organizations", reference.OrganizationViewSet, basename="organization")
router.register("people", reference.PersonViewSet, basename="person")
router.register("memberships", reference.MembershipViewSet, basename="membership")
router.register("committee-roles", reference.CommitteeRoleViewSet, basename="committee-role")
router.register("meetings", meetings.MeetingViewSet, basename="meeting")
router.register("agenda-items", meetings.AgendaItemViewSet, basename="agenda-item")
router.register("questions", meetings.QuestionViewSet, basename="question")
router.register("invitations", meetings.InvitationViewSet, basename="invitation")
router.register("decisions", records.DecisionViewSet, basename="decision")
router.register("minutes", records.MinutesViewSet, basename="minutes")
router.register("demands", demands.DemandViewSet, basename="demand")

v1 = [
    path("auth/token/", auth.TokenView.as_view(), name="token"),
    path("open-data/popolo.json", open_data.PopoloView.as_view(), name="popolo"),
    path("open-data/ocd-events.json", open_data.OcdEventsView.as_view(), name="ocd-events"),
    path("verify/", verify.VerifyView.as_view(), name="verify"),
    path("reports/<slug:slug>/", reports.CommitteeReportView.as_view(), name="committee-report"),
    path(
        "reports/<slug:slug>/organizations/<int:pk>/",
        reports.OrganizationReportView.as_view(),
        name="organization-report",
    ),
    path("imports/", imports.ImportView.as_view(), name="imports"),
    path("", base.APIRootView.as_view(), name="root"),
    path("", include(router.urls)),
]

# The bundled Swagger UI and Redoc (drf-spectacular-sidecar, same origin) start from an inline
# script and write inline styles and web workers: their two pages alone allow that.
_viewer_csp = csp_replace(
    {
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "worker-src": [SELF, "blob:"],
        "img-src": [SELF, "data:", "blob:"],
    }
)

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", _viewer_csp(SpectacularSwaggerView.as_view(url_name="api:schema")), name="docs"),
    path(
        "redoc/",
        _viewer_csp(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
    # Anything else under /api/ that ends with a slash is a JSON 404 (/api/v1/minutes/1.5/),
    # not the site's HTML page.
    re_path(r"^.*/$", base.not_found),
]
