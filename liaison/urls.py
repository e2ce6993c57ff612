from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from two_factor.urls import urlpatterns as two_factor_urls
from two_factor.views import LoginView

from dashboards import audit, views
from liaison import health
from reminders import views as inbox

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", login_not_required(LoginView.as_view()), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("logout/everywhere/", views.logout_everywhere, name="logout_everywhere"),
    path("i18n/setlang/", views.choose_language, name="set_language"),
    path("", include(two_factor_urls)),
    path("dossiers/", include("dossiers.urls")),
    path("clearances/", include("clearances.urls")),
    path("network/", include("network.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("healthz/worker", health.healthz_worker, name="healthz_worker"),
    path("audit/", audit.audit_list, name="audit"),
    path("audit/export/", audit.audit_export, name="audit_export"),
    path("audit/people/", audit.audit_people, name="audit_people"),
    # Administrators sign in like everybody else, with their second factor.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="login", query_string=True)),
    ),
    path("admin/r/<path:target>", views.admin_shortcut_disabled),
    path("admin/", admin.site.urls),
]

urlpatterns += [
    path("inbox/", inbox.inbox_list, name="inbox"),
    path("inbox/<int:pk>/read/", inbox.notification_read, name="notification_read"),
    path("inbox/read-all/", inbox.notifications_read_all, name="notifications_read_all"),
    path("inbox/settings/", inbox.reminder_settings, name="reminder_settings"),
    path(
        "inbox/settings/calendar-address/",
        inbox.calendar_token_reset,
        name="calendar_token_reset",
    ),
    path("calendar/<str:token>.ics", inbox.calendar_feed, name="calendar_feed"),
]
