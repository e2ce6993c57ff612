"""The worker's side of the committee report: its PDF and HTML, off the request path."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from dossiers import services


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def make_report_files(self, report_id: int, user_id: int) -> bool:
    """Make the text and files of a kept report, as its keeper sees the dossiers; running
    twice makes them once."""
    try:
        made = services.committee_report_files_make(report_id=report_id, user_id=user_id)
        return made is not None
    except SoftTimeLimitExceeded:
        services.committee_report_files_failed(report_id=report_id)
        raise
    except Exception as error:
        if self.request.retries >= self.max_retries:
            services.committee_report_files_failed(report_id=report_id)
            raise
        raise self.retry(exc=error) from error
