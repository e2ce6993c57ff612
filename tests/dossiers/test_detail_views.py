"""The dossier page: who may open it, the purpose asked first, and the parts added on it."""

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.classification import Classification
from dossiers import services
from dossiers.models import Dossier, Task, TimelineEntry
from tests.factories import client_for, data_queries, give_clearance, make_dossier, share

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def dossier_urls(dossier: Dossier) -> dict[str, str]:
    return {
        "detail": reverse("dossiers:detail", args=[dossier.pk]),
        "timeline": reverse("dossiers:timeline", args=[dossier.pk]),
        "export": reverse("dossiers:export", args=[dossier.pk]),
        "purpose": reverse("dossiers:purpose", args=[dossier.pk]),
    }


def give_purpose(client, dossier):
    client.post(
        reverse("dossiers:purpose", args=[dossier.pk]),
        {"purpose": "case_work", "detail": "opvolging"},
    )


def test_anonymous_is_sent_to_login(client, open_dossier):
    for url in dossier_urls(open_dossier).values():
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_no_access_gives_404_everywhere(vo_onderwijs_client, vo_onderwijs, confidential_dossier):
    give_clearance(vo_onderwijs, Classification.GEHEIM)
    attachment = services.attachment_add(
        dossier=confidential_dossier,
        upload=SimpleUploadedFile("nota.pdf", PDF),
        content_type="application/pdf",
        by=confidential_dossier.owner,
    )
    urls = [
        *dossier_urls(confidential_dossier).values(),
        reverse("dossiers:attachment_download", args=[confidential_dossier.pk, attachment.pk]),
        reverse("dossiers:update", args=[confidential_dossier.pk]),
    ]
    for url in urls:
        assert vo_onderwijs_client.get(url).status_code == 404, url
    missing = reverse("dossiers:detail", args=[confidential_dossier.pk + 1000])
    assert vo_onderwijs_client.get(missing).status_code == 404


def test_read_only_users_get_403_on_writes(cabinet_client, open_dossier):
    writes = [
        reverse("dossiers:update", args=[open_dossier.pk]),
        reverse("dossiers:timeline_add", args=[open_dossier.pk]),
        reverse("dossiers:task_add", args=[open_dossier.pk]),
        reverse("dossiers:grant_add", args=[open_dossier.pk]),
        reverse("dossiers:create"),
    ]
    for url in writes:
        assert cabinet_client.post(url, {"title": "x"}).status_code == 403, url
    assert cabinet_client.get(reverse("dossiers:detail", args=[open_dossier.pk])).status_code == 200


def test_wrong_method_gives_405(officer_client, open_dossier):
    assert (
        officer_client.get(reverse("dossiers:timeline_add", args=[open_dossier.pk])).status_code
        == 405
    )
    assert (
        officer_client.post(reverse("dossiers:detail", args=[open_dossier.pk])).status_code == 405
    )


def test_timeline_and_task_are_added_in_place_with_htmx(officer, officer_client, open_dossier):
    url = reverse("dossiers:timeline_add", args=[open_dossier.pk])
    response = officer_client.post(
        url,
        {"occurred_on": "2022-05-20", "entry_type": "opinion", "text": "Advies COC negatief"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="timeline"' in response.content.decode()
    assert "Advies COC negatief" in response.content.decode()
    assert "<html" not in response.content.decode()
    response = officer_client.post(
        reverse("dossiers:task_add", args=[open_dossier.pk]),
        {"title": "Nieuw sjabloon invullen", "due_on": "not a date"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert Task.objects.count() == 0
    assert "Voer een geldige datum in" in response.content.decode()
    assert TimelineEntry.objects.get().author == officer


def test_purpose_is_asked_once_per_session_and_every_opening_is_logged(
    cleared_officer, officer_client, confidential_dossier
):
    detail = reverse("dossiers:detail", args=[confidential_dossier.pk])
    response = officer_client.get(detail)
    assert response.status_code == 302
    assert reverse("dossiers:purpose", args=[confidential_dossier.pk]) in response["Location"]
    openings = LogEntry.objects.get_for_object(confidential_dossier).filter(
        action=LogEntry.Action.ACCESS
    )
    assert not openings.exists()
    response = officer_client.post(
        response["Location"], {"purpose": "briefing", "detail": "Terugkoppeling commissie"}
    )
    assert response["Location"] == detail
    assert officer_client.get(detail).status_code == 200
    assert officer_client.get(detail).status_code == 200
    accesses = openings.all()
    assert accesses.count() == 2
    entry = accesses.first()
    assert entry.actor == cleared_officer
    assert entry.object_repr == confidential_dossier.reference
    assert entry.additional_data["purpose"] == "briefing"
    assert entry.additional_data["detail"] == "Terugkoppeling commissie"


def test_open_dossier_needs_no_purpose(officer_client, open_dossier):
    assert officer_client.get(reverse("dossiers:detail", args=[open_dossier.pk])).status_code == 200


def test_purpose_form_refuses_an_empty_explanation(
    cleared_officer, officer_client, confidential_dossier
):
    url = reverse("dossiers:purpose", args=[confidential_dossier.pk])
    response = officer_client.post(url, {"purpose": "briefing", "detail": ""})
    assert response.status_code == 200
    assert (
        officer_client.get(reverse("dossiers:detail", args=[confidential_dossier.pk])).status_code
        == 302
    )


def test_purpose_does_not_redirect_elsewhere(cleared_officer, officer_client, confidential_dossier):
    url = reverse("dossiers:purpose", args=[confidential_dossier.pk])
    response = officer_client.post(
        f"{url}?next=https://evil.example/", {"purpose": "briefing", "detail": "werk"}
    )
    assert response["Location"] == confidential_dossier.get_absolute_url()


def test_attachment_upload_checks_type_by_content_and_size(
    officer, officer_client, open_dossier, settings
):
    url = reverse("dossiers:attachment_add", args=[open_dossier.pk])
    fake = SimpleUploadedFile("nota.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200))
    response = officer_client.post(url, {"file": fake})
    assert response.status_code == 422
    assert "niet aanvaard" in response.content.decode()
    settings.ATTACHMENT_MAX_BYTES = 10
    response = officer_client.post(url, {"file": SimpleUploadedFile("nota.pdf", PDF)})
    assert response.status_code == 422
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    response = officer_client.post(url, {"file": SimpleUploadedFile("../../nota.pdf", PDF)})
    assert response.status_code == 302
    attachment = open_dossier.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert "nota" not in attachment.file.name  # stored under a random name
    download = officer_client.get(
        reverse("dossiers:attachment_download", args=[open_dossier.pk, attachment.pk])
    )
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


def test_officer_grants_and_revokes_from_the_dossier_page(
    cleared_officer, officer_client, cleared_vo, confidential_dossier
):
    give_purpose(officer_client, confidential_dossier)
    url = reverse("dossiers:grant_add", args=[confidential_dossier.pk])
    response = officer_client.post(
        url, {"user": cleared_vo.pk, "reason": "Betrokken bij opleiding"}
    )
    assert response.status_code == 302
    grant = confidential_dossier.user_grants.get()
    assert (grant.reason, grant.granted_by) == ("Betrokken bij opleiding", cleared_officer)
    client = client_for(cleared_vo)
    give_purpose(client, confidential_dossier)
    assert client.get(confidential_dossier.get_absolute_url()).status_code == 200
    officer_client.post(
        reverse("dossiers:grant_revoke", args=[confidential_dossier.pk, "user", grant.pk])
    )
    assert client.get(confidential_dossier.get_absolute_url()).status_code == 404


def test_grant_needs_one_recipient_and_a_reason(
    cleared_officer, officer_client, confidential_dossier
):
    give_purpose(officer_client, confidential_dossier)
    url = reverse("dossiers:grant_add", args=[confidential_dossier.pk])
    response = officer_client.post(url, {"reason": ""})
    assert response.status_code == 422
    assert not confidential_dossier.user_grants.exists()


def test_links_show_only_visible_targets(cleared_officer, officer_client, open_dossier, kanselarij):
    from accounts.roles import Role
    from tests.factories import make_user

    other = make_user("other", kanselarij, Role.LIAISON_OFFICER)
    hidden = make_dossier(other, Classification.GEHEIM, title="Verborgen")
    response = officer_client.post(
        reverse("dossiers:link_add", args=[open_dossier.pk]), {"reference": hidden.reference}
    )
    assert response.status_code == 422
    target = make_dossier(cleared_officer, title="Zichtbaar")
    officer_client.post(
        reverse("dossiers:link_add", args=[open_dossier.pk]), {"reference": target.reference}
    )
    assert list(open_dossier.links.values_list("target", flat=True)) == [target.pk]


def test_the_page_lists_the_other_end_of_each_link_only_when_visible(
    cleared_officer, officer_client, open_dossier, kanselarij
):
    from accounts.roles import Role
    from dossiers.models import DossierLink
    from tests.factories import make_user

    other = make_user("other", kanselarij, Role.LIAISON_OFFICER)
    hidden = make_dossier(other, Classification.GEHEIM, title="Verborgen")
    outgoing = make_dossier(cleared_officer, title="Uitgaand")
    incoming = make_dossier(cleared_officer, title="Inkomend")
    for source, target in (
        (open_dossier, outgoing),
        (incoming, open_dossier),
        (open_dossier, hidden),
        (hidden, open_dossier),
    ):
        DossierLink.objects.create(source=source, target=target)
    links = officer_client.get(open_dossier.get_absolute_url()).context["links"]
    assert sorted(other.reference for other, _note, _pk in links) == sorted(
        [outgoing.reference, incoming.reference]
    )


def test_access_request_records_opinions(cleared_officer, officer_client):
    from directory.models import Organisation
    from dossiers.models import AccessRequest

    coc = Organisation.objects.create(short_name="COC", name="COC", kind="federal_partner")
    dossier = make_dossier(cleared_officer, title="WPA 44/11/9", kind=Dossier.Kind.ACCESS_REQUEST)
    AccessRequest.objects.create(dossier=dossier)
    url = reverse("dossiers:opinion_add", args=[dossier.pk])
    response = officer_client.post(
        url, {"body": coc.pk, "outcome": "negative", "summary": "Meer motiveren"}
    )
    assert response.status_code == 302
    html = officer_client.get(dossier.get_absolute_url()).content.decode()
    assert "Meer motiveren" in html and "Negatief" in html
    assert officer_client.post(url, {"outcome": "bogus"}).status_code == 422
    other = make_dossier(cleared_officer, title="Geen aanvraag")
    assert (
        officer_client.post(reverse("dossiers:opinion_add", args=[other.pk]), {}).status_code == 404
    )


def test_detail_query_count_is_the_same_at_2_and_30_entries(cleared_officer, officer_client):
    dossier = make_dossier(cleared_officer, Classification.VERTROUWELIJK, title="Veel")
    give_purpose(officer_client, dossier)

    def detail_queries(until: int) -> int:
        for number in range(dossier.tasks.count(), until):
            services.timeline_entry_add(
                dossier=dossier, author=cleared_officer, occurred_on="2022-01-01", text=f"{number}"
            )
            Task.objects.create(dossier=dossier, title=f"t{number}", assignee=cleared_officer)
        with CaptureQueriesContext(connection) as queries:
            assert officer_client.get(dossier.get_absolute_url()).status_code == 200
        return data_queries(queries)

    small = detail_queries(2)
    assert small == detail_queries(30) and small <= 15


def test_grants_panel_loads_in_place_and_alone(cleared_officer, officer_client, open_dossier):
    url = reverse("dossiers:grants", args=[open_dossier.pk])
    panel = officer_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="grants"' in panel and "<html" not in panel
    assert 'id="grant-user"' in officer_client.get(url).content.decode()


def test_opening_a_beperkt_dossier_asks_the_purpose_and_is_logged(officer, officer_client):
    give_clearance(officer, Classification.BEPERKT)
    dossier = make_dossier(officer, Classification.BEPERKT, summary="Beperkte samenvatting")
    response = officer_client.get(dossier.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("dossiers:purpose", args=[dossier.pk]))
    give_purpose(officer_client, dossier)
    assert (
        "Beperkte samenvatting" in officer_client.get(dossier.get_absolute_url()).content.decode()
    )
    opening = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_id=dossier.pk)
    assert (opening.actor, opening.additional_data["detail"]) == (officer, "opvolging")


def test_edit_form_of_a_classified_dossier_asks_the_purpose_first(
    cleared_officer, officer_client, confidential_dossier
):
    url = reverse("dossiers:update", args=[confidential_dossier.pk])
    response = officer_client.get(url)
    assert response.status_code == 302
    assert "Vertrouwelijke samenvatting" not in response.content.decode()
    give_purpose(officer_client, confidential_dossier)
    assert "Vertrouwelijke samenvatting" in officer_client.get(url).content.decode()


def test_invalid_timeline_entry_on_a_classified_dossier_in_a_fresh_session_shows_nothing(
    cleared_officer, officer_client, confidential_dossier
):
    url = reverse("dossiers:timeline_add", args=[confidential_dossier.pk])
    response = officer_client.post(url, {"text": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(
        reverse("dossiers:purpose", args=[confidential_dossier.pk])
    )
    assert not response.content


def test_a_task_can_be_assigned_only_to_someone_who_may_open_the_dossier(
    cleared_officer, officer_client, secret_dossier, cabinet_staff, vo_onderwijs, vo_omgeving
):
    for user in (cabinet_staff, vo_onderwijs, vo_omgeving):
        give_clearance(user, Classification.ZEER_GEHEIM)
    share(secret_dossier, vo_omgeving)
    give_purpose(officer_client, secret_dossier)
    page = officer_client.get(secret_dossier.get_absolute_url())
    offered = set(page.context["task_form"].fields["assignee"].queryset)
    assert offered == {cleared_officer, vo_omgeving}
    url = reverse("dossiers:task_add", args=[secret_dossier.pk])
    for user in (cabinet_staff, vo_onderwijs):
        response = officer_client.post(url, {"title": "Nagaan", "assignee": user.pk})
        assert response.status_code == 422
        assert response.context["task_form"].has_error("assignee", "invalid_choice")
        assert "mag dit dossier niet openen" in response.content.decode()
    assert not secret_dossier.tasks.exists()
    officer_client.post(url, {"title": "Nagaan", "assignee": vo_omgeving.pk})
    assert secret_dossier.tasks.get().assignee == vo_omgeving
