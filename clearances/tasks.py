"""The worker's side of the coverage figures: counted again after a write and at midnight."""

from celery import shared_task

from clearances import services


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def refresh_coverage_figures(self, organisation_ids: list[int] | None = None) -> int:
    """Count and store the coverage figures of the organisations (all if None), today."""
    try:
        return services.coverage_figures_refresh(organisation_ids=organisation_ids)
    except Exception as error:
        if self.request.retries >= self.max_retries:
            raise
        raise self.retry(exc=error) from error
