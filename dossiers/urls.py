from django.urls import path

from dossiers.views import corrections, dossiers, parts, pickers, procedures, reports, reviews

app_name = "dossiers"

urlpatterns = [
    path("", dossiers.dossier_list, name="list"),
    path("export/", dossiers.dossier_list_export, name="list_export"),
    path("new/", dossiers.dossier_create, name="create"),
    path("reviews/", reviews.review_list, name="reviews"),
    path("protocols/", procedures.protocol_register, name="protocol_register"),
    path("protocols/export/", procedures.protocol_register_export, name="protocol_register_export"),
    path("people/owners/", pickers.owner_choices, name="owner_choices"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/purpose/", reports.report_purpose, name="report_purpose"),
    path("reports/<int:pk>/edit/", reports.report_edit, name="report_edit"),
    path("reports/<int:pk>/files/", reports.report_files, name="report_files"),
    path("reports/<int:pk>/pdf/", reports.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/html/", reports.report_html, name="report_html"),
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
        "<int:pk>/attachments/<int:attachment_pk>/edit/",
        corrections.attachment_edit,
        name="attachment_edit",
    ),
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
    path("<int:pk>/links/<int:link_pk>/edit/", corrections.link_edit, name="link_edit"),
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
    path("<int:pk>/answer/", procedures.information_answer, name="information_answer"),
    path("<int:pk>/questions/add/", procedures.question_add, name="question_add"),
    # The edit pages keep their first addresses and names (bookmarks, mails).
    path(
        "<int:pk>/questions/<int:question_pk>/",
        corrections.question_edit,
        name="question_update",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        corrections.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/commitments/add/", procedures.commitment_add, name="commitment_add"),
    path(
        "<int:pk>/commitments/<int:commitment_pk>/",
        corrections.commitment_edit,
        name="commitment_update",
    ),
    path(
        "<int:pk>/commitments/<int:commitment_pk>/delete/",
        corrections.commitment_delete,
        name="commitment_delete",
    ),
    path("<int:pk>/grants/", parts.grants_panel, name="grants"),
    path("<int:pk>/grants/add/", parts.grant_add, name="grant_add"),
    path("<int:pk>/history/", parts.history_panel, name="history"),
    path(
        "<int:pk>/grants/<str:kind>/<int:grant_pk>/revoke/",
        parts.grant_revoke,
        name="grant_revoke",
    ),
]
