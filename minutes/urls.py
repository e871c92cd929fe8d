from django.urls import path

from minutes import views_import, views_notices, views_outbox, views_rsvp, views_work
from minutes.publication import agenda_views

urlpatterns = [
    path("dashboard/", views_work.dashboard, name="dashboard"),
    path("notifications/read/", views_notices.notification_read, name="notifications_read"),
    path("notifications/<int:pk>/read/", views_notices.notification_read, name="notification_read"),
    path("meetings/", views_work.meeting_list, name="meeting_list"),
    path("meetings/new/", views_work.meeting_create, name="meeting_create"),
    path("meetings/past/", views_work.meeting_register_past, name="meeting_register_past"),
    path("meetings/import/", views_import.import_page, name="meeting_import"),
    path("meetings/import/template.xlsx", views_import.import_template, name="import_template"),
    path(
        "meetings/import/example.json", views_import.import_example_json, name="import_example_json"
    ),
    path("meetings/<int:pk>/", views_work.meeting_detail, name="meeting_detail"),
    path(
        "meetings/<int:pk>/agenda.pdf", agenda_views.meeting_agenda_pdf, name="meeting_agenda_pdf"
    ),
    path("meetings/<int:pk>/edit/", views_work.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/cancel/", views_work.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/invite/", views_work.meeting_invite, name="meeting_invite"),
    path(
        "meetings/<int:pk>/remind/", views_notices.remind_invitees, name="meeting_remind_invitees"
    ),
    path("meetings/<int:pk>/record/", views_work.meeting_record, name="meeting_record"),
    path("meetings/<int:pk>/audit/", views_work.meeting_audit, name="meeting_audit"),
    path("meetings/<int:pk>/emails/", views_outbox.meeting_emails, name="meeting_emails"),
    path("outbox/", views_outbox.committee_outbox, name="committee_outbox"),
    path("outbox/<int:pk>/resend/", views_outbox.email_resend, name="email_resend"),
    path("meetings/<int:pk>/agenda/new/", views_work.agenda_item_form, name="agenda_item_add"),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/",
        views_work.agenda_item_form,
        name="agenda_item_edit",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/<str:action>/",
        views_work.agenda_item_action,
        name="agenda_item_action",
    ),
    path("meetings/<int:pk>/questions/new/", views_work.question_create, name="question_create"),
    path("questions/<int:pk>/<str:action>/", views_work.question_decide, name="question_decide"),
    path("meetings/<int:pk>/decisions/new/", views_work.decision_form, name="decision_add"),
    path(
        "meetings/<int:pk>/decisions/<int:decision_pk>/",
        views_work.decision_form,
        name="decision_edit",
    ),
    path(
        "meetings/<int:pk>/decisions/<int:decision_pk>/delete/",
        views_work.decision_delete,
        name="decision_delete",
    ),
    path("meetings/<int:pk>/attachments/new/", views_work.attachment_add, name="attachment_add"),
    path(
        "meetings/<int:pk>/attachments/<int:attachment_pk>/remove/",
        views_work.attachment_remove,
        name="attachment_remove",
    ),
    path("attachments/<int:pk>/", views_work.attachment_download, name="attachment_download"),
    path("invitations/<int:pk>/", views_work.invitation_respond, name="invitation_respond"),
    path("rsvp/<str:token>/<str:answer>/", views_rsvp.rsvp_answer, name="rsvp_answer"),
    path("minutes/<int:pk>/correct/", views_work.minutes_correct, name="minutes_correct"),
    path(
        "minutes/<int:pk>/<str:action>/",
        views_work.minutes_transition,
        name="minutes_transition",
    ),
    path("decisions/<int:pk>/follow-up/", views_work.follow_up_create, name="follow_up_create"),
]
