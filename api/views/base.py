"""The base of every API view: authentication, pagination, throttles, filters, and the
rule that a queryset always starts from what the caller may see."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.exceptions import MethodNotAllowed, NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from api.filters import (
    StrictFilterBackend,
    check_query_parameters,
    pagination_parameters,
    strict_filterset,
)
from api.pagination import PageNumberPagination
from api.permissions import ReadOnly
from api.serializers.common import MAX_ID
from api.throttling import AnonRateThrottle, UserRateThrottle
from minutes.visibility import Viewer
from portal import cache as page_cache


class BaseAPIMixin:
    """What every API view shares (viewsets, the token endpoint, the open-data exports)."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]
    # No permission_classes here: closed by default (the settings' IsAdminUser) until a
    # view opens what it needs (api.permissions.ReadOnly, ReadAnyoneWriteAuthenticated).

    # Query parameters the view takes besides its filters and pagination, per action (for
    # an APIView, under the method's name, "get", "post"…); any other is a 400.
    query_parameters: dict[str, set[str]] = {}

    def known_query_parameters(self) -> tuple[set[str], dict[str, int | None]]:
        """The names of the query parameters this request may carry, and those of them
        that are page sizes (with their maximum)."""
        action = getattr(self, "action", None) or self.request.method.lower()
        return set(self.query_parameters.get(action, ())), {}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        known, sizes = self.known_query_parameters()
        check_query_parameters(request, known, sizes)

    def finalize_response(self, request, response, *args, **kwargs):
        """Every successful read carries an ``ETag`` (a hash of the answer as sent) and a
        request whose ``If-None-Match`` names it gets 304 Not Modified without a body."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == status.HTTP_200_OK
            and not response.streaming
        ):
            if not getattr(response, "is_rendered", True):
                response.render()
            response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:40])
            response = get_conditional_response(
                request._request, etag=response["ETag"], response=response
            )
        return response

    def check_permissions(self, request):
        # A method the endpoint does not have is a 405 for everyone, before any question of
        # who is asking (else a collection without POST would answer 401 or 403 to it).
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise MethodNotAllowed(request.method)
        super().check_permissions(request)

    @property
    def visibility(self) -> Viewer:
        """The caller's look-ups, made once per request (minutes/visibility.py)."""
        return Viewer.for_request(self.request)


class BaseAPIView(BaseAPIMixin, APIView):
    pass


def response_content_type(request) -> str:
    """The Content-Type DRF gives a response rendered for ``request``."""
    renderer = request.accepted_renderer
    content_type = request.accepted_media_type or renderer.media_type
    if renderer.charset and "charset" not in content_type:
        content_type = f"{content_type}; charset={renderer.charset}"
    return content_type


class CachedListModelMixin(mixins.ListModelMixin):
    """``list`` with the public page cache of portal/cache.py: an anonymous caller's page
    of results (the same for every anonymous caller) is kept, rendered, while the record
    is unchanged. Authentication and throttling run before, as for any request."""

    def list(self, request, *args, **kwargs):
        seconds = page_cache.cache_seconds()
        if (
            seconds <= 0
            or request.user.is_authenticated
            or not page_cache.is_cacheable_request(request._request)
        ):
            return super().list(request, *args, **kwargs)
        key = page_cache.page_key(request._request, page_cache.record_version())
        stored = cache.get(key)
        if stored is None:
            response = super().list(request, *args, **kwargs)
            if response.status_code != status.HTTP_200_OK:
                return response
            # Kept rendered: a hit then costs neither the queries nor the serialisation.
            content = request.accepted_renderer.render(
                response.data, request.accepted_media_type, self.get_renderer_context()
            )
            cache.set(key, (content, response_content_type(request)), seconds)
            return response
        content, content_type = stored
        return HttpResponse(content, content_type=content_type)


class BaseViewSet(BaseAPIMixin, viewsets.GenericViewSet):
    """A resource. Subclasses say what exists for the caller, either in :meth:`visible`
    or, where they add relations, in :meth:`get_queryset` (api/views/querysets.py); both
    start from the models' ``visible_to(who)`` (minutes/visibility.py), and an object
    outside it is a 404.

    Writes validate input with the action's input serializer (``input_serializers``),
    ask ``minutes.policy`` whether the caller may act on the (visible) object — 403 when
    not — and call one service function; the answer is the object's new state, read again
    through the same visible queryset."""

    pagination_class = PageNumberPagination
    filter_backends = [StrictFilterBackend]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    read_serializer_class: type | None = None
    detail_serializer_class: type | None = None
    input_serializers: dict[str, type] = {}

    def known_query_parameters(self) -> tuple[set[str], dict[str, int | None]]:
        known, sizes = super().known_query_parameters()
        if self.action == "list":
            filterset_class = getattr(self, "filterset_class", None)
            if filterset_class is not None:
                strict = strict_filterset(filterset_class, filterset_class._meta.model)
                known |= set(strict.base_filters)
            sizes = pagination_parameters(self.paginator)
            known |= set(sizes)
        return known, sizes

    def visible(self) -> QuerySet:
        # Every viewset states what its caller may see; there is no permissive default.
        raise ImproperlyConfigured(f"{type(self).__name__} must define visible().")

    def get_queryset(self) -> QuerySet:
        return self.visible()

    def get_serializer_class(self):
        if self.action in self.input_serializers:
            return self.input_serializers[self.action]
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return self.read_serializer_class

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "visibility": self.visibility}

    def get_object(self):
        # Only plain positive integers name objects; anything else is simply not found
        # (rather than a database error on an id no column can hold).
        value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        if (
            not (
                isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19
            )
            or not 1 <= int(value) <= MAX_ID
        ):
            raise NotFound()
        return super().get_object()

    # --- helpers for the write actions --------------------------------------------------

    def forbid_unless(self, allowed: bool, message) -> None:
        """403 with the refusal's own message (who may do this), never a generic one."""
        if not allowed:
            raise PermissionDenied(str(message))

    def validated(self, serializer_class: type | None = None, **context):
        """The request body validated by the action's input serializer (400 if not)."""
        serializer_class = serializer_class or self.get_serializer_class()
        serializer = serializer_class(
            data=self.request.data, context={**self.get_serializer_context(), **context}
        )
        serializer.is_valid(raise_exception=True)
        return serializer

    def respond(
        self,
        obj,
        *,
        status_code: int = status.HTTP_200_OK,
        queryset: QuerySet | None = None,
        serializer_class: type | None = None,
    ) -> Response:
        """The new state of ``obj``, read again through the caller's visible queryset."""
        queryset = self.get_queryset() if queryset is None else queryset
        fresh = queryset.filter(pk=obj.pk).first()
        if fresh is None:  # no longer visible to the caller: nothing to show
            return Response(status=status.HTTP_204_NO_CONTENT)
        serializer_class = (
            serializer_class or self.detail_serializer_class or (self.read_serializer_class)
        )
        data = serializer_class(fresh, context=self.get_serializer_context()).data
        return Response(data, status=status_code)


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([])
def not_found(request, *args, **kwargs):
    """Any path under /api/ that names nothing: a JSON 404."""
    raise NotFound()


COLLECTIONS = (
    ("committees", "api:committee-list"),
    ("workgroups", "api:workgroup-list"),
    ("organizations", "api:organization-list"),
    ("people", "api:person-list"),
    ("memberships", "api:membership-list"),
    ("committee-roles", "api:committee-role-list"),
    ("meetings", "api:meeting-list"),
    ("agenda-items", "api:agenda-item-list"),
    ("questions", "api:question-list"),
    ("invitations", "api:invitation-list"),
    ("decisions", "api:decision-list"),
    ("minutes", "api:minutes-list"),
    ("demands", "api:demand-list"),
)


class APIRootView(BaseAPIView):
    """``/api/v1/``: where each collection is, and where the API is documented."""

    permission_classes = [ReadOnly]

    @extend_schema(
        summary="The API root: the collections and the documentation",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        def url(name: str) -> str:
            return reverse(name, request=request)

        return Response(
            {
                "collections": {name: url(route) for name, route in COLLECTIONS},
                "auth_token": url("api:token"),
                "verify": url("api:verify"),
                # The published demands' counts by topic and district (the list's filters).
                "demand_counts": url("api:demand-counts"),
                "open_data": {"popolo": url("api:popolo"), "ocd_events": url("api:ocd-events")},
                "documentation": {
                    "docs": url("api:docs"),
                    "redoc": url("api:redoc"),
                    "schema": url("api:schema"),
                    "guide": "docs/api.md",
                },
            }
        )
