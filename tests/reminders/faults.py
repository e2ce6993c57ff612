"""Real faults for the outbox: a local SMTP relay that can refuse, stop, hang or block,
and Celery workers in their own processes that a test can kill with SIGKILL."""

import asyncio
import email
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
from aiosmtpd.controller import Controller
from django.db import connection

from liaison.celery import app
from reminders.models import Notification, OutboxEmail, Reminder

ROOT = Path(__file__).resolve().parents[2]
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd tells every command

# Short enough for a fast test, in the order production needs: one exchange with the
# relay < soft limit < hard limit.
FAULT_SETTINGS = {
    "EMAIL_TIMEOUT": "1",
    "CELERY_TASK_SOFT_TIME_LIMIT": "3",
    "CELERY_TASK_TIME_LIMIT": "4",
    "OUTBOX_RETRY_BACKOFF": "1",
    "OUTBOX_RETRY_BACKOFF_MAX": "2",
    "OUTBOX_MAX_ATTEMPTS": "30",
}


def wait_for(condition: Callable[[], object], timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Relay:
    """An SMTP relay on a fixed localhost port; it can be stopped, hung and restarted."""

    def __init__(self) -> None:
        self.port = free_port()
        self.received: list[tuple[str, str, str]] = []  # (Message-ID, recipient, body)
        self.refused: set[str] = set()
        self.released = threading.Event()
        self.released.set()
        self.content_arrived = threading.Event()
        self.controller: Controller | None = None
        self.silent: socket.socket | None = None

    # aiosmtpd handler hooks
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:  # noqa: N802
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.content)
        for recipient in envelope.rcpt_tos:
            body = message.get_payload(decode=True).decode()
            self.received.append((message["Message-ID"], recipient, body))
        self.content_arrived.set()
        while not self.released.is_set():  # block on DATA: the sender waits for our answer
            await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.stop()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def hang(self) -> None:
        """Accept connections and never say a word (the kernel completes the handshake)."""
        self.stop()
        self.silent = socket.socket()
        self.silent.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.silent.bind(("127.0.0.1", self.port))
        self.silent.listen(50)

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
        if self.silent is not None:
            self.silent.close()
            self.silent = None

    def copies(self) -> Counter[tuple[str, str]]:
        return Counter((message_id, recipient) for message_id, recipient, _ in self.received)


@contextmanager
def relay() -> Iterator[Relay]:
    sink = Relay()
    try:
        yield sink
    finally:
        sink.released.set()
        sink.stop()


class Worker:
    """``celery worker`` in a process group of its own, on the test database."""

    started = 0

    def __init__(self, relay_port: int) -> None:
        Worker.started += 1
        self.name = f"faults{Worker.started}@test"
        url = dj_database_url.parse(os.environ["DATABASE_URL"])
        database = connection.settings_dict["NAME"]
        self.env = {
            **os.environ,
            **FAULT_SETTINGS,
            "DATABASE_URL": f"postgres://{url['USER']}@{url['HOST']}:{url['PORT']}/{database}",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(relay_port),
            "EMAIL_USE_TLS": "false",
            "DEBUG": "true",
        }
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - open for the process lifetime
            prefix="worker-", suffix=".log", delete=False
        )
        self.process: subprocess.Popen | None = None

    def start(self) -> "Worker":
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "celery", "-A", "liaison", "worker"),
                *("--pool", "prefork", "--concurrency", "1", "-n", self.name, "-l", "info"),
                *("--without-gossip", "--without-mingle", "--without-heartbeat"),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if not wait_for(lambda: app.control.ping([self.name], timeout=0.5), timeout=60):
            self.stop()
            raise RuntimeError(f"Worker did not start; see {self.log.name}")
        return self

    def kill(self) -> None:
        """kill -9 of the worker and its pool, as the host would do it."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()


@contextmanager
def worker(relay_port: int) -> Iterator[Worker]:
    process = Worker(relay_port).start()
    try:
        yield process
    finally:
        process.stop()


def empty_broker() -> None:
    """No task of an earlier run (or a killed worker's unacknowledged one) comes back."""
    app.connection_for_write().default_channel.client.flushdb()


def statuses() -> Counter[str]:
    return Counter(OutboxEmail.objects.values_list("status", flat=True))


def figures(relay: Relay) -> dict[str, int]:
    """What a fault run ends with, and the promises of rule 11 checked on it."""
    reminders = list(Reminder.objects.select_related("recipient"))
    copies = relay.copies()
    outcome = {
        "reminders due": len(reminders),
        "inbox entries": Notification.objects.count(),
        "e-mails received": len(relay.received),
        "duplicates": sum(count - 1 for count in copies.values()),
        **{status: count for status, count in statuses().items()},
    }
    # every reminder once in its recipient's inbox
    assert sorted(Notification.objects.values_list("reminder", "recipient")) == sorted(
        (reminder.pk, reminder.recipient_id) for reminder in reminders
    )
    # no e-mail twice, and no reminder in two e-mails to its recipient
    assert outcome["duplicates"] == 0
    for reminder in reminders:
        mentions = [
            body
            for _id, to, body in relay.received
            if to == reminder.recipient.email and reminder.reference in body
        ]
        assert len(mentions) <= 1, reminder.reference
    return outcome
