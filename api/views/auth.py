"""API tokens: obtained with a username and password at ``/api/v1/auth/token/`` and used
as ``Authorization: Token …``; seen, regenerated and revoked by their owner on the page
``/account/token/``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from api.serializers import read, write
from api.throttling import AnonRateThrottle, TokenUsernameThrottle, UserRateThrottle
from api.views.base import BaseAPIView


class TokenEndpointPermission(BasePermission):
    """Anyone may ask for a token (with a username and password); only its owner may
    revoke it."""

    def has_permission(self, request, view) -> bool:
        if request.method == "POST" or request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)


class TokenView(BaseAPIView):
    permission_classes = [TokenEndpointPermission]
    throttle_classes = [AnonRateThrottle, UserRateThrottle, TokenUsernameThrottle]
    http_method_names = ["post", "delete", "options"]

    @extend_schema(
        summary="Obtain the API token of an account",
        description=(
            "With the account's username and password; answers the existing token or a new "
            "one. Send it as `Authorization: Token <token>`. Visitors are rate limited."
        ),
        request=write.TokenObtainSerializer,
        responses={200: read.TokenSerializer},
        auth=[],
        tags=["auth"],
    )
    def post(self, request):
        serializer = write.TokenObtainSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                {"non_field_errors": [_("نام کاربری یا گذرواژه درست نیست.")]},
                code="authorization",
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})

    @extend_schema(
        summary="Revoke the caller's API token",
        request=None,
        responses={204: None},
        tags=["auth"],
    )
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- The account page -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def token_page(request: HttpRequest) -> HttpResponse:
    """The logged-in user's API token: see it, create or regenerate it, revoke it. The
    POSTs are CSRF-protected (Django's middleware)."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            Token.objects.filter(user=request.user).delete()
            Token.objects.create(user=request.user)
            messages.success(request, _("کلید تازه ساخته شد؛ کلید پیشین دیگر کار نمی‌کند."))
        elif action == "revoke":
            Token.objects.filter(user=request.user).delete()
            messages.success(request, _("کلید باطل شد."))
        else:
            messages.error(request, _("درخواست نامعتبر است."))
        return redirect("api_token_page")
    token = Token.objects.filter(user=request.user).first()
    return render(request, "api/token.html", {"token": token})
