from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dossiers.workstreams import Workstream


@require_GET
def dossier_list(request: HttpRequest) -> HttpResponse:
    workstream = request.GET.get("workstream")
    current = Workstream(workstream) if workstream in Workstream.values else None
    return render(request, "dossiers/dossier_list.html", {"current_workstream": current})
