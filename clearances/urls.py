from django.urls import path

from clearances import views

app_name = "clearances"

urlpatterns = [
    path("", views.clearance_list, name="list"),
    path("export/", views.clearance_export, name="export"),
    path("new/", views.clearance_create, name="create"),
    path("<int:pk>/", views.clearance_detail, name="detail"),
    path("<int:pk>/edit/", views.clearance_update, name="update"),
    path("<int:pk>/renew/", views.clearance_renewal_start, name="renew"),
    path("proposals/<int:pk>/confirm/", views.proposal_confirm, name="proposal_confirm"),
    path("proposals/<int:pk>/reject/", views.proposal_reject, name="proposal_reject"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_update, name="person_update"),
    path("appointments/new/", views.appointment_create, name="appointment_create"),
    path("appointments/<int:pk>/edit/", views.appointment_update, name="appointment_update"),
    path("coverage/", views.coverage_list, name="coverage"),
]
