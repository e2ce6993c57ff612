from django.urls import path

from dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.dossier_list, name="list"),
]
