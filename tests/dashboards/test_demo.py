"""The cabinet's pages over the whole demo: nothing classified named anywhere."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from dossiers.models import AccessRequest, Dossier
from tests.factories import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]


def test_no_classified_detail_on_any_cabinet_page():
    cabinet = User.objects.get(username="kabinet")
    client = client_for(cabinet)
    classified = Dossier.objects.filter(classification__gt=0) | Dossier.objects.filter(
        restricted_distribution=True
    )
    assert classified.exists()
    public = Dossier.objects.filter(classification=0, restricted_distribution=False)
    requests = AccessRequest.objects.filter(dossier__in=public)
    # Organisations that public dossiers name themselves may appear; others may not.
    public_partners = {
        *public.values_list("partners__short_name", flat=True),
        *public.values_list("timeline__organisation__short_name", flat=True),
        *requests.values_list("requesting_services__short_name", flat=True),
        *requests.values_list("addressees__short_name", flat=True),
    }
    secrets = set()
    for dossier in classified.prefetch_related("partners"):
        secrets |= {dossier.title, dossier.summary, dossier.reference}
        for partner in dossier.partners.all():
            if partner.short_name not in public_partners:
                secrets |= {partner.short_name, partner.name}
    secrets.discard("")
    pages = [reverse("home"), reverse("dossiers:list"), reverse("dossiers:list_export")]
    pages += [
        d.get_absolute_url()
        for d in Dossier.objects.filter(classification=0, restricted_distribution=False)
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        leaked = [secret for secret in secrets if re.search(rf"\b{re.escape(secret)}\b", html)]
        assert leaked == [], page
    for dossier in classified:
        assert client.get(dossier.get_absolute_url()).status_code == 404
