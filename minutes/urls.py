from django.urls import path

from minutes import views

urlpatterns = [
    path("", views.home, name="home"),
    path("committee/<slug:slug>/", views.committee_detail, name="committee_detail"),
]
