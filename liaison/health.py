"""Is the portal healthy: its database, its broker, and a worker that completes tasks.

The answers say only "ok" or "failing" per component: no error text, host or version.
"""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

from liaison.models import WorkerHeartbeat

BROKER_TIMEOUT_SECONDS = 3
HEARTBEAT_SINGLETON = 1


def database_is_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def broker_is_up() -> bool:
    broker = Connection(
        settings.CELERY_BROKER_URL,
        connect_timeout=BROKER_TIMEOUT_SECONDS,
        transport_options={"socket_timeout": BROKER_TIMEOUT_SECONDS},
    )
    try:
        broker.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS)
        return True
    except Exception:  # any transport's failure means the same: no broker
        return False
    finally:
        broker.release()


def record_worker_heartbeat(*, worker: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        pk=HEARTBEAT_SINGLETON, defaults={"completed_at": timezone.now(), "worker": worker}
    )


def worker_is_alive() -> bool:
    """A worker completed the heartbeat task within three of its intervals (one may be lost)."""
    try:
        last = WorkerHeartbeat.objects.filter(pk=HEARTBEAT_SINGLETON).first()
    except DatabaseError:
        return False
    allowed = datetime.timedelta(seconds=3 * settings.WORKER_HEARTBEAT_SECONDS)
    return last is not None and timezone.now() - last.completed_at <= allowed


def web_components() -> dict[str, bool]:
    components = {"database": database_is_up()}
    if settings.CELERY_BROKER_URL:  # the embedded demo runs tasks in-process
        components["broker"] = broker_is_up()
    return components


def health_response(components: dict[str, bool]) -> JsonResponse:
    healthy = all(components.values())
    answer = {name: "ok" if up else "failing" for name, up in components.items()}
    return JsonResponse(
        {"status": "ok" if healthy else "failing", **answer}, status=200 if healthy else 503
    )


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer and compose: the database and the broker answer."""
    return health_response(web_components())


@login_not_required
@never_cache
@require_GET
def healthz_worker(request: HttpRequest) -> JsonResponse:
    """For monitoring: a worker completed a task lately (it answering ping is not enough)."""
    return health_response({"worker": worker_is_alive()})
