"""What the request log lines of django-structlog may say (see LOGGING in the settings)."""

import re

import structlog
from django.conf import settings
from django.http import HttpRequest

from accounts.security import client_ip

# The personal calendar address is a secret that opens the feed without a log-in.
CALENDAR_TOKEN = re.compile(r"^(/calendar/)[^/]+(\.ics)$")


def logged_request(request: HttpRequest) -> str:
    """Method and path only: a query string may hold what was searched for, a title."""
    path = CALENDAR_TOKEN.sub(r"\1…\2", request.path)
    return f"{request.method} {path}"


def describe_request(request: HttpRequest, log_kwargs: dict, **kwargs: object) -> None:
    log_kwargs["request"] = logged_request(request)


def describe_request_start(request: HttpRequest, log_kwargs: dict, **kwargs: object) -> None:
    describe_request(request, log_kwargs)
    # The address the lock-out believes, not a spoofable X-Forwarded-For.
    structlog.contextvars.bind_contextvars(ip=client_ip(request))


def connect_request_logging() -> None:
    from django_structlog import signals

    signals.bind_extra_request_metadata.connect(describe_request_start)
    signals.bind_extra_request_finished_metadata.connect(describe_request)
    signals.bind_extra_request_failed_metadata.connect(describe_request)


def configure_structlog() -> None:
    """structlog's own loggers (django-structlog's) render through the same processors."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *settings.LOG_PROCESSORS,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=True,
    )
