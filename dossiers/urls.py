from django.urls import path

from dossiers.views import corrections, dossiers, parts, pickers, reports

app_name = "dossiers"

urlpatterns = [
    path("", dossiers.dossier_list, name="list"),
    path("export/", dossiers.dossier_list_export, name="list_export"),
    path("new/", dossiers.dossier_create, name="create"),
    path("people/owners/", pickers.owner_choices, name="owner_choices"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/purpose/", reports.report_purpose, name="report_purpose"),
    path("<int:pk>/", dossiers.dossier_detail, name="detail"),
    path("<int:pk>/edit/", dossiers.dossier_update, name="update"),
    path("<int:pk>/purpose/", dossiers.dossier_purpose, name="purpose"),
    path("<int:pk>/export/", parts.dossier_export, name="export"),
    path("<int:pk>/timeline/", parts.timeline, name="timeline"),
    path("<int:pk>/timeline/add/", parts.timeline_add, name="timeline_add"),
    path("<int:pk>/tasks/add/", parts.task_add, name="task_add"),
    path("<int:pk>/timeline/<int:entry_pk>/edit/", corrections.timeline_edit, name="timeline_edit"),
    path(
        "<int:pk>/timeline/<int:entry_pk>/delete/",
        corrections.timeline_delete,
        name="timeline_delete",
    ),
    path("<int:pk>/tasks/<int:task_pk>/toggle/", parts.task_toggle, name="task_toggle"),
    path("<int:pk>/tasks/<int:task_pk>/done/", parts.task_done, name="task_done"),
    path("<int:pk>/tasks/<int:task_pk>/edit/", corrections.task_edit, name="task_edit"),
    path("<int:pk>/tasks/<int:task_pk>/delete/", corrections.task_delete, name="task_delete"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/",
        corrections.attachment_delete,
        name="attachment_delete",
    ),
    path("<int:pk>/opinions/<int:opinion_pk>/edit/", corrections.opinion_edit, name="opinion_edit"),
    path(
        "<int:pk>/opinions/<int:opinion_pk>/delete/",
        corrections.opinion_delete,
        name="opinion_delete",
    ),
    path("<int:pk>/links/<int:link_pk>/delete/", corrections.link_delete, name="link_delete"),
    path("<int:pk>/undo/", corrections.part_undo, name="undo"),
    path("<int:pk>/people/", pickers.people, name="people"),
    path("<int:pk>/attachments/add/", parts.attachment_add, name="attachment_add"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        parts.attachment_download,
        name="attachment_download",
    ),
    path("<int:pk>/opinions/add/", parts.opinion_add, name="opinion_add"),
    path("<int:pk>/links/add/", parts.link_add, name="link_add"),
    path("<int:pk>/grants/", parts.grants_panel, name="grants"),
    path("<int:pk>/grants/add/", parts.grant_add, name="grant_add"),
    path("<int:pk>/history/", parts.history_panel, name="history"),
    path(
        "<int:pk>/grants/<str:kind>/<int:grant_pk>/revoke/",
        parts.grant_revoke,
        name="grant_revoke",
    ),
]
