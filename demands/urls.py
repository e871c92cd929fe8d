"""The routes of demands.

| path | what |
|---|---|
| /demands/ | the demands of the committee (or the list of committees) |
| /committee/<c>/demands/ | published demands: filters, counts by topic and district |
| /committee/<c>/demands/counts.csv | those counts as CSV |
| /committee/<c>/demands/priorities/ | charts and tables by topic, district and Jalali month |
| /committee/<c>/demands/new/ , /committee/<c>/workgroups/<w>/demands/new/ | raise a demand |
| /committee/<c>/demands/<id>/ | one demand: support, agenda item, decisions |
| /committee/<c>/demands/triage/ | moderation and triage (secretariat) |
| /committee/<c>/demands/import/ | import the 137 centre's counts (secretariat), template.csv |
"""

from django.urls import path

from demands import priorities, views

urlpatterns = [
    path("demands/", views.demands_home, name="demands_home"),
    path("committee/<slug:slug>/demands/", views.demand_list, name="demand_list"),
    path(
        "committee/<slug:slug>/demands/counts.csv",
        views.demand_counts_csv,
        name="demand_counts_csv",
    ),
    path(
        "committee/<slug:slug>/demands/priorities/",
        priorities.priorities,
        name="demand_priorities",
    ),
    path("committee/<slug:slug>/demands/new/", views.demand_new, name="demand_new"),
    path(
        "committee/<slug:slug>/workgroups/<slug:workgroup_slug>/demands/new/",
        views.demand_new,
        name="workgroup_demand_new",
    ),
    path("committee/<slug:slug>/demands/triage/", views.triage, name="demand_triage"),
    path(
        "committee/<slug:slug>/demands/triage/<int:pk>/<str:action>/",
        views.triage_action,
        name="demand_triage_action",
    ),
    path("committee/<slug:slug>/demands/import/", views.import_counts, name="demand_import"),
    path(
        "committee/<slug:slug>/demands/import/template.csv",
        views.import_template,
        name="demand_import_template",
    ),
    path("committee/<slug:slug>/demands/<int:pk>/", views.demand_detail, name="demand_detail"),
    path(
        "committee/<slug:slug>/demands/<int:pk>/support/",
        views.demand_support,
        name="demand_support",
    ),
    path("committee/<slug:slug>/demands/<int:pk>/photo/", views.demand_photo, name="demand_photo"),
    path(
        "committee/<slug:slug>/demands/<int:pk>/link/",
        views.demand_chair_link,
        name="demand_chair_link",
    ),
    path(
        "committee/<slug:slug>/demands/<int:pk>/agenda/",
        views.demand_chair_agenda,
        name="demand_chair_agenda",
    ),
]
