from django.urls import path

from workgroups import views

urlpatterns = [
    path(
        "committee/<slug:committee_slug>/workgroups/<slug:slug>/members/",
        views.members,
        name="workgroup_members",
    ),
]
