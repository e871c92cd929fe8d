"""The account pages, included at /account/ by config/urls.py: the email choices and the
API token."""

from django.urls import path

from api.views import auth
from minutes import views_notices

urlpatterns = [
    # «حساب من»: the notification emails one receives (minutes/notices.py), the API token.
    path("", views_notices.account, name="account"),
    path("token/", auth.token_page, name="api_token_page"),
]
