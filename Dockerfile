# The portal's image: web (gunicorn), worker and beat share it.
FROM python:3.11-slim-bookworm AS base

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext nodejs npm postgresql-client \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml package.json package-lock.json ./
RUN pip install --upgrade pip && pip install . && npm ci --no-audit --no-fund
COPY . .
RUN DEBUG=true python manage.py compilemessages --ignore=node_modules -v0 \
    && DEBUG=false SECRET_KEY=build-only DATABASE_URL=postgres://build.invalid/build \
       CELERY_BROKER_URL=redis://build.invalid EMAIL_HOST=build.invalid \
       PORTAL_BASE_URL=https://build.invalid python manage.py collectstatic --noinput -v0

RUN useradd --system --uid 1000 liaison && mkdir -p /app/var/media /app/var/beat && chown -R liaison /app/var
USER liaison
EXPOSE 8000
CMD ["gunicorn", "liaison.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
