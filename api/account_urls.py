"""The account pages of the API, included at /account/ by config/urls.py."""

from django.urls import path

from api.views import auth

urlpatterns = [
    path("token/", auth.token_page, name="api_token_page"),
]
