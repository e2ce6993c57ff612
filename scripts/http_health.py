"""Health check of the web container: exit 0 when /healthz answers 200, else 1.

Asks gunicorn directly over plain HTTP with the portal's own host name (the first of
ALLOWED_HOSTS), so neither ALLOWED_HOSTS nor the HTTPS redirect turns it away, and
follows no redirect: a redirect means the health check is misconfigured.
"""

import os
import sys
import urllib.error
import urllib.request

TIMEOUT_SECONDS = 10


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def portal_host() -> str:
    hosts = [host.strip() for host in os.environ.get("ALLOWED_HOSTS", "").split(",")]
    # A leading dot (".example.be") allows subdomains; the bare domain is one of them.
    return next((host.lstrip(".") for host in hosts if host and host != "*"), "localhost")


def main(url: str) -> int:
    if not url.startswith("http://"):
        raise SystemExit(f"not a plain HTTP address: {url}")
    request = urllib.request.Request(url, headers={"Host": portal_host()})  # noqa: S310
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            print(response.read().decode())
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {error}")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000/healthz"))
