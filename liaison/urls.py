from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from liaison import audit, views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", views.choose_language, name="set_language"),
    path("dossiers/", include("dossiers.urls")),
    path("audit/", audit.audit_list, name="audit"),
    path("audit/export/", audit.audit_export, name="audit_export"),
    path("admin/", admin.site.urls),
]
