"""The liaison officer's worklist of declassification reviews that fall due."""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts import permissions
from common.lists import list_context
from directory.classification import Classification
from dossiers.access import visible_dossiers
from dossiers.forms.reviews import ReviewFilter
from dossiers.tables import ReviewTable


@require_GET
@permissions.only_for(permissions.reviews_declassification)
def review_list(request: HttpRequest) -> HttpResponse:
    """Classified dossiers the officer may see, by review date, within the chosen horizon."""
    dossiers = (
        visible_dossiers(request.user)
        .filter(classification__gt=Classification.NIET_GECLASSIFICEERD)
        .select_related("owner")
        .annotate(
            overdue=ExpressionWrapper(
                Q(declassification_review_on__lt=timezone.localdate()),
                output_field=BooleanField(),
            )
        )
        .order_by("declassification_review_on", "pk")
    )
    return render(
        request,
        "dossiers/review_list.html",
        list_context(request, ReviewFilter(request.GET, queryset=dossiers), table=ReviewTable),
    )
