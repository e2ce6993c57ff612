"""The portal's WSGI application with the benchmark's floor page and admin baseline.

gunicorn serves it for ``manage.py bench --server gunicorn`` (bench/server.py), with
DJANGO_SETTINGS_MODULE set to the portal's settings.
"""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()

from bench.measure import register_baseline_admin  # noqa: E402 - needs the apps loaded

register_baseline_admin()
