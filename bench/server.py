"""The portal under gunicorn for the benchmark: pages timed from a client's socket.

``manage.py bench --server gunicorn`` starts gunicorn with 2 workers on a free port of
127.0.0.1, with the production settings (``DEBUG`` off, behind a TLS proxy as in
.env.example, the static files' manifest collected) on the benchmark's database, and
signs each benchmark user in over HTTP through the real log-in wizard. The WSGI
application is bench/wsgi.py: the portal's, with the floor page and the admin baseline.
"""

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from types import TracebackType
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import connection
from django.urls import reverse
from django.utils.module_loading import import_string

from accounts.models import User
from bench.measure import BENCH_PASSWORD, bench_device, current_token

WORKERS = 2
TIMEOUT_SECONDS = 60  # gunicorn's --timeout in docker-compose.yml
STARTUP_SECONDS = 60
HOST = "127.0.0.1"
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')

# Collects the static files' manifest with the production storage, then becomes gunicorn
# (its arguments follow). The manifest's compressed copies (a minute's work) only serve
# static files, which the benchmark does not ask for.
LAUNCH = """
import os
import sys
from pathlib import Path
import django
django.setup()
from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
suffixes = {Path(path).suffix for finder in get_finders() for path, _ in finder.list([])}
settings.WHITENOISE_SKIP_COMPRESS_EXTENSIONS = sorted(s.lstrip(".") for s in suffixes if s)
call_command("collectstatic", interactive=False, verbosity=0)
os.execv(sys.executable, [sys.executable, "-m", "gunicorn", *sys.argv[1:]])
"""


class Response:
    def __init__(self, status_code: int, content: bytes) -> None:
        self.status_code = status_code
        self.content = content


class HttpClient:
    """A browser's requests as the TLS proxy passes them on: cookies, CSRF origin, https.

    One connection per client; gunicorn's sync workers close it after each response,
    so it is opened again for the next (as a proxy's connection to them is).
    """

    def __init__(self, port: int) -> None:
        self.origin = f"https://{HOST}:{port}"
        self.connection = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT_SECONDS * 2)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> Response:
        headers = {"X-Forwarded-Proto": "https", "Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        try:
            self.connection.request(method, path, body=body, headers=headers)
            answer = self.connection.getresponse()
            content = answer.read()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            raise
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(answer.status, content)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, str]) -> Response:
        return self.request("POST", path, urlencode(data))

    @property
    def session(self) -> SessionBase:
        """The server's session of this client, as the test client's ``session``."""
        store = import_string(settings.SESSION_ENGINE + ".SessionStore")
        return store(session_key=self.cookies.get(settings.SESSION_COOKIE_NAME))

    def close(self) -> None:
        self.connection.close()


def csrf_token(response: Response) -> str:
    found = CSRF_FIELD.search(response.content)
    if found is None:
        raise RuntimeError(f"no CSRF token in a form (status {response.status_code})")
    return found.group(1).decode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """This process's database (the test database under pytest), as a DATABASE_URL."""
    database = connection.settings_dict
    user = quote(database["USER"] or "", safe="")
    password = ":" + quote(database["PASSWORD"], safe="") if database["PASSWORD"] else ""
    port = f":{database['PORT']}" if database["PORT"] else ""
    return (
        f"postgres://{user}{password}@{database['HOST'] or ''}{port}"
        f"/{quote(str(database['NAME']), safe='')}"
    )


class GunicornServer:
    """gunicorn serving the portal while the ``with`` block runs; stopped even on error."""

    def __init__(self, workers: int = WORKERS) -> None:
        self.workers = workers
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.clients: list[HttpClient] = []
        self.answered = False

    def environment(self, directory: Path) -> dict[str, str]:
        broker = settings.CELERY_BROKER_URL
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"],
            "DEBUG": "false",
            # This process's key: the benchmark writes the purposes into the sessions.
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": HOST,
            "BEHIND_TLS_PROXY": "true",
            "PORTAL_BASE_URL": f"https://{HOST}:{self.port}",
            "DATABASE_URL": database_url(),
            # Nothing the benchmark requests enqueues a task; without a broker none leaves.
            "CELERY_BROKER_URL": broker or "memory://",
            "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND or "cache+memory://",
            "EMAIL_HOST": settings.EMAIL_HOST or "bench.invalid",
            "STATIC_ROOT": str(directory / "static"),
        }

    def __enter__(self) -> "GunicornServer":
        """Starts the server; it answers once ``ready()`` returns (in the meantime this
        process may work, e.g. count queries)."""
        self.directory = Path(tempfile.mkdtemp(prefix="bench-gunicorn-"))
        self.log = self.directory / "gunicorn.log"
        try:
            with self.log.open("wb") as log:
                self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and code
                    [
                        sys.executable,
                        "-c",
                        LAUNCH,
                        "bench.wsgi:application",
                        "--bind",
                        f"{HOST}:{self.port}",
                        "--workers",
                        str(self.workers),
                        "--timeout",
                        str(TIMEOUT_SECONDS),
                    ],
                    env=self.environment(self.directory),
                    cwd=settings.BASE_DIR,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own process group, stopped as one
                )
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def ready(self) -> None:
        """Returns once the server answers the log-in page."""
        if self.answered:
            return
        deadline = time.monotonic() + STARTUP_SECONDS
        login = reverse("login")
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start:\n{self.log_tail()}")
            client = HttpClient(self.port)
            try:
                if client.get(login).status_code == 200:
                    self.answered = True
                    return
            except OSError:
                pass
            finally:
                client.close()
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer in {STARTUP_SECONDS} s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])

    def stop(self) -> None:
        for client in self.clients:
            client.close()
        if self.process is not None:
            # The master stops its workers; whatever of the group is left is killed.
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(self.process.pid, sig)
                except ProcessLookupError:
                    break
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(timeout=15)
            self.process.wait()
        if getattr(self, "directory", None) is not None:
            shutil.rmtree(self.directory, ignore_errors=True)

    def signed_in_client(self, user: User) -> HttpClient:
        """A client through the real log-in over HTTP: the forms' CSRF tokens, the
        password, then the second factor's token from the user's device."""
        self.ready()
        device = bench_device(user)
        client = HttpClient(self.port)
        self.clients.append(client)
        login = reverse("login")
        step = "login_view-current_step"
        form = client.get(login)
        form = client.post(
            login,
            {
                "csrfmiddlewaretoken": csrf_token(form),
                step: "auth",
                "auth-username": user.get_username(),
                "auth-password": BENCH_PASSWORD,
            },
        )
        response = client.post(
            login,
            {
                "csrfmiddlewaretoken": csrf_token(form),
                step: "token",
                "token-otp_token": current_token(device),
            },
        )
        if response.status_code != 302:
            raise RuntimeError(f"log-in of {user} over HTTP failed: status {response.status_code}")
        return client
