from celery import shared_task
from django.db import connection


@shared_task(bind=True)
def check_health(self) -> dict[str, object]:
    """Prove that a worker runs and reaches the database; says which worker ran it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (answer,) = cursor.fetchone()
    return {"database": answer == 1, "vendor": connection.vendor, "worker": self.request.hostname}
