"""OpenAPI schema generation (drf-spectacular): the schema class and a post-processing hook
that documents the error responses every operation may give."""

from __future__ import annotations

from drf_spectacular import openapi

ERROR_COMPONENT = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "description": (
        'An error: a stable code and a message ({"code": "invalid_transition", '
        '"detail": "…"}); a 400 about fields also maps each field (or query parameter) to '
        'its messages beside them ({"code": "invalid", "detail": "…", "title": ["…"]}). '
        "Messages are in Persian unless the request asks for English (Accept-Language: en)."
    ),
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
    },
    "required": ["code", "detail"],
    "additionalProperties": True,
}
ERROR_DESCRIPTIONS = {
    "400": "Invalid input: field errors, or a refused value (code invalid, parse_error).",
    "401": "No or invalid credentials (code not_authenticated, authentication_failed).",
    "403": "The caller sees the object but may not do this (code permission_denied).",
    "404": "No such object, or one the caller may not see (code not_found).",
    "409": "Not possible in the current state (code invalid_transition, edit_conflict).",
    "429": "Too many requests (code throttled); see the Retry-After header.",
}
ETAG_HEADER = {
    "description": (
        "A hash of this answer. Send it back as `If-None-Match` to be answered 304 Not "
        "Modified, without a body, while the answer would be the same."
    ),
    "schema": {"type": "string"},
}
NOT_MODIFIED = {
    "description": "Not modified: the `If-None-Match` header names the current `ETag`.",
}
READ_ERRORS = ("400", "401", "404", "429")
WRITE_ERRORS = ("400", "401", "403", "404", "409", "429")


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema class. An operation's description is what its
    ``extend_schema`` says for clients, never a docstring written for the project's
    developers (of a view, a mixin or a base class)."""

    def get_description(self):
        return ""


def lib_doc_excludes():
    """Classes whose docstrings never become a schema description (drf-spectacular's
    GET_LIB_DOC_EXCLUDES): DRF's own, and the project's base classes, whose docstrings
    are for its developers ("Base of the write serializers…")."""
    from drf_spectacular.plumbing import get_lib_doc_excludes

    from api.serializers.common import InputSerializer
    from api.views.base import BaseAPIMixin, BaseViewSet, CachedListModelMixin

    return [
        *get_lib_doc_excludes(),
        InputSerializer,
        BaseAPIMixin,
        BaseViewSet,
        CachedListModelMixin,
    ]


def add_error_responses(result, generator, request, public):
    """Document the JSON error responses of every operation (drf-spectacular
    POSTPROCESSING_HOOKS)."""
    document_limits(result)
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components[ERROR_COMPONENT] = ERROR_SCHEMA
    reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/v1/"):
            continue
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            codes = READ_ERRORS if method == "get" else WRITE_ERRORS
            responses = operation.setdefault("responses", {})
            if method == "get" and "200" in responses:
                responses["200"].setdefault("headers", {})["ETag"] = ETAG_HEADER
                responses.setdefault("304", NOT_MODIFIED)
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": ERROR_DESCRIPTIONS[code],
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    return result


def document_limits(result) -> None:
    """The limits the server enforces, in the schema: the pagination's page size (a whole
    number from 1 to its maximum) and page or cursor, whatever the pagination class."""
    from api.filters import pagination_parameters
    from api.views.base import BaseViewSet

    pagination_class = BaseViewSet.pagination_class
    sizes = pagination_parameters(pagination_class()) if pagination_class else {}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query" or parameter.get("name") not in sizes:
                    continue
                largest = sizes[parameter["name"]]
                schema = parameter.setdefault("schema", {})
                if largest is not None:
                    schema.update({"type": "integer", "minimum": 1, "maximum": largest})
                elif schema.get("type") == "integer":
                    schema["minimum"] = 1
