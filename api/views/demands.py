"""Citizens' demands (demands/), read only, for anyone: the published ones, as their public
pages show them, and their counts by topic and district with the 137 contact centre's
requests beside them. Never the email address of whoever raised it, nor anything pending,
merged or rejected (demands are moderated on the secretariat's triage page)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from api.permissions import ReadOnly
from api.serializers.demands import DemandCountsSerializer, DemandSerializer
from api.views.base import BaseViewSet, CachedListModelMixin
from demands import counts
from demands.filters import STAGES, DemandFilter
from demands.models import Demand, ImportedCount
from portal.indexing import ensure_index
from portal.models import PublicDecision

FILTERS = [
    OpenApiParameter("committee", str, description="A committee's slug."),
    OpenApiParameter("workgroup", str, description="The slug of the workgroup it was sent to."),
    OpenApiParameter("topic", int, description="A topic's id (`topic.id`)."),
    OpenApiParameter("district", int, description="A district's id (`district.id`)."),
    OpenApiParameter(
        "stage",
        str,
        enum=[value for value, _label in STAGES],
        description="`waiting`: on no agenda yet; `agenda`: on an agenda, no decision yet; "
        "`decided`: a public decision was taken on it.",
    ),
    OpenApiParameter("since", str, description="Published from this Jalali day (1405/02/08)."),
    OpenApiParameter("until", str, description="Published up to this Jalali day."),
]


@extend_schema_view(
    list=extend_schema(
        summary="Citizens' demands (published)",
        description=(
            "The demands the secretariat published, the most raised and supported first: "
            "their topic and district, how many raised and supported each, the agenda item "
            "it led to (the meeting only when public) and the public decisions taken on it "
            "with their status. Never an email address. See docs/demands.md."
        ),
        parameters=FILTERS,
        tags=["demands"],
    ),
    retrieve=extend_schema(summary="A published demand", tags=["demands"]),
)
class DemandViewSet(CachedListModelMixin, mixins.RetrieveModelMixin, BaseViewSet):
    permission_classes = [ReadOnly]
    read_serializer_class = DemandSerializer
    filterset_class = DemandFilter
    # The counts take the list's filters (and no page).
    query_parameters = {"counts": set(DemandFilter.base_filters)}

    def visible(self):
        if getattr(self, "swagger_fake_view", False):
            return Demand.objects.none()
        ensure_index()  # the decisions and stages are read from the portal's index
        return (
            Demand.objects.public()
            .with_counts()
            .with_stage()
            .select_related(
                "committee",
                "workgroup",
                "topic__workgroup",
                "district",
                "agenda_item__meeting__committee",
                "agenda_item__meeting__workgroup",
            )
            .order_by("-weight", "-published_at", "-pk")
        )

    def get_serializer(self, *args, **kwargs):
        # The public decisions of the page's agenda items, in one query.
        rows = args[0] if args else None
        demands = [rows] if isinstance(rows, Demand) else list(rows or [])
        items = {d.agenda_item_id for d in demands if d.agenda_item_id}
        decisions: dict[int, list[PublicDecision]] = {}
        if items:
            for entry in (
                PublicDecision.objects.filter(
                    decision__agenda_item__in=items, document__is_latest=True
                )
                .select_related("document", "decision")
                .order_by("number")
            ):
                decisions.setdefault(entry.decision.agenda_item_id, []).append(entry)
        kwargs.setdefault("context", self.get_serializer_context())
        kwargs["context"]["decisions"] = decisions
        return super().get_serializer(*args, **kwargs)

    @extend_schema(
        summary="Demands counted by topic and by district",
        description=(
            "The figures of the priorities page for the same filters: published demands, "
            "people who raised them, supporters, how many reached an agenda and a decision; "
            "beside them (`imported`, never added to them) the requests the 137 contact "
            "centre received in the months the period touches, as the secretariat imported "
            "them. Groups are by name."
        ),
        parameters=FILTERS,
        responses={200: DemandCountsSerializer},
        tags=["demands"],
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def counts(self, request):
        demands = self.filter_queryset(self.get_queryset())  # a 400 for a wrong filter
        filters = DemandFilter(request.query_params, queryset=demands, request=request)
        params = filters.form.cleaned_data if filters.is_valid() else {}
        imported_rows = ImportedCount.objects.all()
        if params.get("committee"):
            imported_rows = imported_rows.filter(committee__slug=params["committee"])
        figures = counts.summarise(
            demands,
            counts.imported(
                imported_rows,
                topic=params.get("topic"),
                district=params.get("district"),
                date_from=params.get("since"),
                date_to=params.get("until"),
            ),
        )
        data = {key: figures[key] for key in ("total", "on_agenda", "decided", "decided_share")}
        fields = ("name", "demands", "raised", "supporters", "agenda", "decided", "imported")
        for key in ("by_topic", "by_district"):
            data[key] = [{f: group[f] for f in fields} for group in figures[key]]
        data["imported_total"] = figures["imported"]["total"]
        return Response(DemandCountsSerializer(data).data)
