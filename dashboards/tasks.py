"""The worker's side of the cabinet's figures: counted again at each of beat's intervals."""

from celery import shared_task

from dashboards import cabinet


@shared_task
def refresh_cabinet_figures() -> str:
    """Count and store the cabinet's figures over every dossier; returns when counted."""
    return cabinet.cabinet_figures_refresh().counted_at.isoformat()
