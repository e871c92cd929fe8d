"""The committee's reference data: committees, workgroups, organisations, people and
memberships. Public to read (people: name, post and organisation only); the secretariat
manages memberships through workgroups/services.py."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action

from api.permissions import ReadAnyoneWriteAuthenticated, ReadOnly
from api.serializers import read, write
from api.views import querysets
from api.views.base import BaseViewSet, CachedListModelMixin
from committee.filters import CommitteeFilter, OrganizationFilter, PersonFilter
from committee.models import Organization
from minutes import policy
from workgroups import services as workgroup_services
from workgroups.filters import MembershipFilter, WorkgroupFilter


class ReadViewSet(CachedListModelMixin, mixins.RetrieveModelMixin, BaseViewSet):
    pass


@extend_schema_view(
    list=extend_schema(summary="Committees", description="Public. Current chair and secretariat."),
    retrieve=extend_schema(summary="A committee"),
)
class CommitteeViewSet(ReadViewSet):
    permission_classes = [ReadOnly]
    read_serializer_class = read.CommitteeSerializer
    filterset_class = CommitteeFilter

    def visible(self):
        return querysets.committees(self.visibility)


@extend_schema_view(
    list=extend_schema(summary="Workgroups", description="Public. With the current chair."),
    retrieve=extend_schema(summary="A workgroup"),
)
class WorkgroupViewSet(ReadViewSet):
    permission_classes = [ReadAnyoneWriteAuthenticated]
    read_serializer_class = read.WorkgroupSerializer
    filterset_class = WorkgroupFilter
    input_serializers = {"change_chair": write.ChangeChairSerializer}

    def visible(self):
        return querysets.workgroups(self.visibility)

    @extend_schema(
        summary="Hand the chair to another person (secretariat)",
        description=(
            "The outgoing chair's term ends the day before and they stay on as a permanent "
            "member; permissions follow at once (workgroups.services.change_chair). "
            "Answers with the new chair's membership."
        ),
        request=write.ChangeChairSerializer,
        responses={201: read.MembershipSerializer},
    )
    @action(detail=True, methods=["post"], url_path="change-chair")
    def change_chair(self, request, pk=None):
        workgroup = self.get_object()
        self.forbid_unless(policy.is_secretariat(request.user, workgroup.committee))
        data = self.validated().validated_data
        membership = workgroup_services.change_chair(
            request.user, workgroup, data["person"], data["start_date"]
        )
        return self.respond(
            membership,
            status_code=status.HTTP_201_CREATED,
            queryset=querysets.memberships(self.visibility),
            serializer_class=read.MembershipSerializer,
        )


@extend_schema_view(
    list=extend_schema(summary="Organisations and media outlets", description="Public."),
    retrieve=extend_schema(summary="An organisation"),
)
class OrganizationViewSet(ReadViewSet):
    permission_classes = [ReadOnly]
    read_serializer_class = read.OrganizationSerializer
    filterset_class = OrganizationFilter

    def visible(self):
        return Organization.objects.order_by("name", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="People",
        description=(
            "Name, post and organisation. Visitors and users without a role see the people "
            "who hold or held a seat or a committee role; members, chairs and the "
            "secretariat see everyone. `email` and `phone` appear only for the secretariat "
            "of a committee the person belongs to, and for superusers."
        ),
    ),
    retrieve=extend_schema(summary="A person"),
)
class PersonViewSet(ReadViewSet):
    permission_classes = [ReadOnly]
    read_serializer_class = read.PersonSerializer
    filterset_class = PersonFilter

    def visible(self):
        return querysets.people(self.visibility)


@extend_schema_view(
    list=extend_schema(summary="Memberships (seats and terms)", description="Public."),
    retrieve=extend_schema(summary="A membership"),
)
class MembershipViewSet(ReadViewSet):
    permission_classes = [ReadAnyoneWriteAuthenticated]
    read_serializer_class = read.MembershipSerializer
    filterset_class = MembershipFilter
    input_serializers = {
        "create": write.MembershipCreateSerializer,
        "end": write.MembershipEndSerializer,
    }

    def visible(self):
        return querysets.memberships(self.visibility)

    @extend_schema(
        summary="Seat a person on a workgroup (secretariat)",
        request=write.MembershipCreateSerializer,
        responses={201: read.MembershipSerializer},
    )
    def create(self, request):
        self.forbid_unless(
            self.visibility.managed_committees.exists(),
            _("فقط دبیرخانه کمیته اعضا را مدیریت می‌کند."),
        )
        data = self.validated().validated_data
        membership = workgroup_services.add_membership(
            request.user,
            data["workgroup"],
            data["person"],
            role=data["role"],
            start_date=data["start_date"],
            end_date=data.get("end_date"),
        )
        return self.respond(membership, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="End a term (secretariat)",
        request=write.MembershipEndSerializer,
        responses={200: read.MembershipSerializer},
    )
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        membership = self.get_object()
        self.forbid_unless(policy.is_secretariat(request.user, membership.workgroup.committee))
        data = self.validated().validated_data
        workgroup_services.end_membership(request.user, membership, data["end_date"])
        return self.respond(membership)
