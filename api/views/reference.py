"""The committee's reference data: committees, workgroups, organisations, people and
memberships. Public to read (people: name, post and organisation only); the secretariat
manages memberships through workgroups/services.py."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from api import examples
from api.permissions import ReadAnyoneWriteAuthenticated
from api.serializers import read, write
from api.views import querysets
from api.views.base import BaseViewSet, CachedListModelMixin
from committee import services as committee_services
from committee.filters import (
    CommitteeFilter,
    CommitteeRoleFilter,
    OrganizationFilter,
    PersonFilter,
)
from committee.models import Committee, CommitteeRole, Organization, Person
from minutes import policy
from workgroups import services as workgroup_services
from workgroups.filters import MembershipFilter, WorkgroupFilter


class ReadViewSet(CachedListModelMixin, mixins.RetrieveModelMixin, BaseViewSet):
    pass


def _apply(obj, data: dict) -> None:
    for name, value in data.items():
        setattr(obj, name, value)


@extend_schema_view(
    list=extend_schema(summary="Committees", description="Public. Current chair and secretariat."),
    retrieve=extend_schema(summary="A committee"),
)
class CommitteeViewSet(ReadViewSet):
    permission_classes = [ReadAnyoneWriteAuthenticated]
    read_serializer_class = read.CommitteeSerializer
    filterset_class = CommitteeFilter
    input_serializers = {
        "create": write.CommitteeCreateSerializer,
        "partial_update": write.CommitteeUpdateSerializer,
    }

    def visible(self):
        return querysets.committees(self.visibility)

    def _superuser(self) -> None:
        self.forbid_unless(
            committee_services.can_edit_committees(self.request.user),
            _("فقط مدیر کل سامانه کمیته‌ها را تعریف یا ویرایش می‌کند."),
        )

    @extend_schema(
        summary="Create a committee (superuser)",
        description=(
            "A new committee; with `standard_workgroups` (the default) its five standard "
            "workgroups are created under their official names in the same transaction. "
            "Then give it a chair and a secretariat with `POST /api/v1/committee-roles/`."
        ),
        request=write.CommitteeCreateSerializer,
        responses={201: read.CommitteeSerializer},
    )
    def create(self, request):
        self._superuser()
        data = dict(self.validated().validated_data)
        standard = data.pop("standard_workgroups", True)
        committee = Committee(**data)
        workgroup_services.create_committee(request.user, committee, standard_workgroups=standard)
        return self.respond(committee, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a committee (superuser)",
        request=write.CommitteeUpdateSerializer,
        responses={200: read.CommitteeSerializer},
    )
    def partial_update(self, request, pk=None):
        committee = self.get_object()
        self._superuser()
        _apply(committee, self.validated().validated_data)
        committee_services.save_committee(request.user, committee)
        return self.respond(committee)

    @extend_schema(
        summary="Delete a committee without meetings (superuser)",
        description="Refused (400) while meetings or other records refer to it.",
        responses={204: None},
    )
    def destroy(self, request, pk=None):
        committee = self.get_object()
        self._superuser()
        committee_services.delete_committee(request.user, committee)
        return Response(status=status.HTTP_204_NO_CONTENT)


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
        self.forbid_unless(
            policy.is_secretariat(request.user, workgroup.committee),
            _("رییس کارگروه را فقط دبیرخانه کمیته تعیین می‌کند."),
        )
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
    permission_classes = [ReadAnyoneWriteAuthenticated]
    read_serializer_class = read.OrganizationSerializer
    filterset_class = OrganizationFilter
    input_serializers = {
        "create": write.OrganizationInputSerializer,
        "partial_update": write.OrganizationUpdateSerializer,
    }

    def visible(self):
        return Organization.objects.order_by("name", "pk")

    def _secretariat(self) -> None:
        self.forbid_unless(
            committee_services.can_manage_shared(self.request.user),
            _("فقط دبیرخانه کمیته سازمان‌ها و اشخاص را ثبت می‌کند."),
        )

    @extend_schema(
        summary="Add an organisation or media outlet (secretariat)",
        examples=examples.ORGANIZATION,
        description=(
            "Organisations are shared by every committee of the installation. `kind` decides "
            "the side: municipal bodies and other public bodies (city council, provincial "
            "agencies, police, utility companies) sit with the officials, outlets with the "
            "press. A name already taken is a 400 on `name`."
        ),
        request=write.OrganizationInputSerializer,
        responses={201: read.OrganizationSerializer},
    )
    def create(self, request):
        self._secretariat()
        organization = Organization(**self.validated().validated_data)
        committee_services.save_organization(request.user, organization)
        return self.respond(organization, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change an organisation (secretariat)",
        request=write.OrganizationUpdateSerializer,
        responses={200: read.OrganizationSerializer},
    )
    def partial_update(self, request, pk=None):
        organization = self.get_object()
        self._secretariat()
        _apply(organization, self.validated().validated_data)
        committee_services.save_organization(request.user, organization)
        return self.respond(organization)

    @extend_schema(
        summary="Delete an organisation nobody refers to (secretariat)",
        description="Refused (400, naming what refers to it) while people or decisions do.",
        responses={204: None},
    )
    def destroy(self, request, pk=None):
        organization = self.get_object()
        self._secretariat()
        committee_services.delete_organization(request.user, organization)
        return Response(status=status.HTTP_204_NO_CONTENT)


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
    permission_classes = [ReadAnyoneWriteAuthenticated]
    read_serializer_class = read.PersonSerializer
    filterset_class = PersonFilter
    input_serializers = {
        "create": write.PersonInputSerializer,
        "partial_update": write.PersonUpdateSerializer,
        "account": write.AccountInviteSerializer,
    }

    def visible(self):
        return querysets.people(self.visibility)

    def _kept(self) -> Person:
        person = self.get_object()
        self.forbid_unless(
            workgroup_services.may_keep_person(self.request.user, person),
            _("فقط دبیرخانه کمیته‌ای که این شخص در آن است اطلاعات او را ویرایش می‌کند."),
        )
        return person

    @extend_schema(
        summary="Add a person (secretariat)",
        examples=examples.PERSON,
        description=(
            "A person who sits on the committee or a workgroup, or is invited. Then seat "
            "them (`POST /api/v1/memberships/`), give them a committee role "
            "(`POST /api/v1/committee-roles/`) or a login (`POST /api/v1/people/{id}/account/`). "
            "Their `email` and `phone` are never public."
        ),
        request=write.PersonInputSerializer,
        responses={201: read.PersonSerializer},
    )
    def create(self, request):
        self.forbid_unless(
            committee_services.can_manage_shared(request.user),
            _("فقط دبیرخانه کمیته سازمان‌ها و اشخاص را ثبت می‌کند."),
        )
        person = Person(**self.validated().validated_data)
        workgroup_services.save_person(request.user, person)
        fresh = self.get_queryset().get(pk=person.pk)
        # The creator reads back the contact details they have just sent, even while the
        # person is seated nowhere (after that, only a committee of theirs reads them:
        # minutes.visibility.contacts_expression).
        fresh.api_contacts = True
        body = read.PersonSerializer(fresh, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a person (the secretariat of their committee)",
        request=write.PersonUpdateSerializer,
        responses={200: read.PersonSerializer},
    )
    def partial_update(self, request, pk=None):
        person = self._kept()
        _apply(person, self.validated().validated_data)
        workgroup_services.save_person(request.user, person)
        return self.respond(person)

    @extend_schema(
        summary="Delete a person entered by mistake (the secretariat of their committee)",
        description="Refused (400, naming what refers to them) while seats or roles do.",
        responses={204: None},
    )
    def destroy(self, request, pk=None):
        person = self._kept()
        committee_services.delete_person(request.user, person)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Give a person a login, by invitation (the secretariat of their committee)",
        examples=examples.ACCOUNT,
        description=(
            "For someone seated on a workgroup of the caller's committee or holding one of "
            "its roles. Creates a user account linked to the person and emails them a "
            "one-time link to choose their own password (valid for the installation's "
            "password-reset "
            "period). No password is ever sent, accepted or returned. For an account whose "
            "password was never chosen, the invitation is sent again (200). The permissions "
            "of the person's roles and seats apply to the account at once."
        ),
        request=write.AccountInviteSerializer,
        responses={201: read.PersonSerializer, 200: read.PersonSerializer},
    )
    @action(detail=True, methods=["post"])
    def account(self, request, pk=None):
        person = self.get_object()
        self.forbid_unless(
            workgroup_services.may_keep_person(request.user, person, unseated_too=False),
            _(
                "فقط دبیرخانه کمیته‌ای که این شخص در آن عضو است یا نقشی دارد برای او حساب "
                "می‌سازد؛ نخست او را عضو کارگروه کنید یا نقشی به او بدهید."
            ),
        )
        data = self.validated().validated_data
        base_url = settings.PUBLIC_BASE_URL or request.build_absolute_uri("/")
        _user, created = workgroup_services.invite_account(
            request.user,
            person,
            base_url=base_url,
            username=data.get("username", ""),
            email=data.get("email", ""),
        )
        return self.respond(
            person, status_code=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


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
        self.forbid_unless(
            policy.is_secretariat(request.user, membership.workgroup.committee),
            _("دوره عضویت را فقط دبیرخانه کمیته پایان می‌دهد."),
        )
        data = self.validated().validated_data
        workgroup_services.end_membership(request.user, membership, data["end_date"])
        return self.respond(membership)


@extend_schema_view(
    list=extend_schema(
        summary="Committee roles (chair, secretariat head and staff, with their terms)",
        description="Public: every term, past and current. Filter by `committee` (slug).",
    ),
    retrieve=extend_schema(summary="A term in a committee role"),
)
class CommitteeRoleViewSet(ReadViewSet):
    permission_classes = [ReadAnyoneWriteAuthenticated]
    read_serializer_class = read.CommitteeRoleTermSerializer
    filterset_class = CommitteeRoleFilter
    input_serializers = {
        "create": write.CommitteeRoleInputSerializer,
        "partial_update": write.CommitteeRoleUpdateSerializer,
    }

    def visible(self):
        return querysets.committee_roles(self.visibility)

    def _managed(self) -> CommitteeRole:
        role = self.get_object()
        self.forbid_unless(
            committee_services.can_manage_committee(self.request.user, role.committee),
            _("فقط دبیرخانه کمیته این اطلاعات را ویرایش می‌کند."),
        )
        return role

    @extend_schema(
        summary="Give a person a committee role for a term (secretariat, superuser)",
        examples=examples.COMMITTEE_ROLE,
        description=(
            "`chair` (the mayor), `secretariat_head` (the director of public relations) or "
            "`secretariat_staff`. A committee has one chair and one secretariat head at a "
            "time: an overlapping term is a 400 on `start_date`. Permissions follow in the "
            "same transaction. A new committee's first secretariat is given by a superuser."
        ),
        request=write.CommitteeRoleInputSerializer,
        responses={201: read.CommitteeRoleTermSerializer},
    )
    def create(self, request):
        data = self.validated().validated_data
        self.forbid_unless(
            committee_services.can_manage_committee(request.user, data["committee"]),
            _("فقط دبیرخانه کمیته این اطلاعات را ویرایش می‌کند."),
        )
        role = CommitteeRole(**data)
        committee_services.save_committee_role(request.user, role)
        return self.respond(role, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change or end a term (secretariat)",
        description="Send `end_date` to end the term (the last day it covers).",
        request=write.CommitteeRoleUpdateSerializer,
        responses={200: read.CommitteeRoleTermSerializer},
    )
    def partial_update(self, request, pk=None):
        role = self._managed()
        _apply(role, self.validated().validated_data)
        committee_services.save_committee_role(request.user, role)
        return self.respond(role)

    @extend_schema(
        summary="Delete a term entered by mistake (secretariat)",
        description="A term that was really held should be ended instead, to keep the history.",
        responses={204: None},
    )
    def destroy(self, request, pk=None):
        role = self._managed()
        committee_services.delete_committee_role(request.user, role)
        return Response(status=status.HTTP_204_NO_CONTENT)
