from django.urls import path

from network.services import AGENDA, MINUTES
from network.views import bodies, directory, meetings

app_name = "network"

urlpatterns = [
    path("organisations/", directory.organisation_list, name="organisation_list"),
    path("organisations/new/", directory.organisation_edit, name="organisation_create"),
    path("organisations/<int:pk>/", directory.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", directory.organisation_edit, name="organisation_update"),
    path("contacts/", directory.contact_list, name="contact_list"),
    path("contacts/new/", directory.contact_edit, name="contact_create"),
    path("contacts/<int:pk>/", directory.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", directory.contact_edit, name="contact_update"),
    path("bodies/", bodies.body_list, name="body_list"),
    path("bodies/new/", bodies.body_create, name="body_create"),
    path("bodies/<int:pk>/", bodies.body_detail, name="body_detail"),
    path("bodies/<int:pk>/edit/", bodies.body_update, name="body_update"),
    path("bodies/<int:pk>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_update, name="meeting_update"),
    path("meetings/<int:pk>/purpose/", meetings.meeting_purpose, name="meeting_purpose"),
    path(
        "meetings/<int:pk>/send-agenda/",
        meetings.meeting_send,
        {"what": AGENDA},
        name="meeting_send_agenda",
    ),
    path(
        "meetings/<int:pk>/send-minutes/",
        meetings.meeting_send,
        {"what": MINUTES},
        name="meeting_send_minutes",
    ),
]
