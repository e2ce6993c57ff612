"""make backup and make restore: a backup restored into an empty database is the same."""

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from common.storage import AtomicFileSystemStorage
from directory.classification import Classification
from dossiers import services
from dossiers.models import (
    Attachment,
    Dossier,
    DossierGroupGrant,
    DossierUserGrant,
    attachment_storage,
)
from tests.factories import give_clearance, make_dossier, share

BASE_DIR = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def database_url(name: str) -> str:
    database = connection.settings_dict
    return f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{name}"


def run_script(script: str, directory: Path, *, database: str, media: Path):
    return subprocess.run(
        [str(BASE_DIR / "scripts" / script), str(directory)],
        env=dict(os.environ, DATABASE_URL=database_url(database), MEDIA_ROOT=str(media)),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def scratch_database() -> Iterator[str]:
    """An empty database beside the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore"
    server = psycopg2.connect(database_url("postgres"))
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


def rows(database: str, query: str) -> list[tuple]:
    with psycopg2.connect(database_url(database)) as restored, restored.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchall()


def table(model) -> str:
    return model._meta.db_table


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_with_everything(
    officer, vo_onderwijs, onderwijs, tmp_path, monkeypatch, scratch_database
):
    media = tmp_path / "media"
    monkeypatch.setattr(attachment_storage, "_wrapped", AtomicFileSystemStorage(media))
    give_clearance(officer, Classification.GEHEIM)
    secret = make_dossier(officer, Classification.GEHEIM, title="Voorstel technische sweeping")
    open_dossier = make_dossier(officer, title="Kennisdeling netwerk radicalisering")
    share(secret, vo_onderwijs)
    share(open_dossier, onderwijs)
    attachment = services.attachment_add(
        dossier=secret,
        upload=SimpleUploadedFile("nota.pdf", PDF),
        content_type="application/pdf",
        by=officer,
    )
    backup = tmp_path / "backups" / "one"
    made = run_script("backup.sh", backup, database=connection.settings_dict["NAME"], media=media)
    assert made.returncode == 0, made.stderr

    restored_media = tmp_path / "restored-media"
    restored = run_script("restore.sh", backup, database=scratch_database, media=restored_media)
    assert restored.returncode == 0, restored.stderr

    assert rows(scratch_database, f"SELECT reference, title FROM {table(Dossier)} ORDER BY id") == [
        (secret.reference, "Voorstel technische sweeping"),
        (open_dossier.reference, "Kennisdeling netwerk radicalisering"),
    ]
    user_grants = f"SELECT content_object_id, user_id, reason FROM {table(DossierUserGrant)}"
    assert rows(scratch_database, user_grants) == [(secret.pk, vo_onderwijs.pk, "Betrokken")]
    group_grants = f"SELECT content_object_id, reason FROM {table(DossierGroupGrant)}"
    assert rows(scratch_database, group_grants) == [(open_dossier.pk, "Betrokken")]
    audit = f"SELECT id, object_repr, action FROM {table(LogEntry)} ORDER BY id"
    original_audit = list(
        LogEntry.objects.order_by("id").values_list("id", "object_repr", "action")
    )
    assert len(original_audit) >= 5
    assert rows(scratch_database, audit) == original_audit
    files = f"SELECT file, original_name FROM {table(Attachment)}"
    assert rows(scratch_database, files) == [(attachment.file.name, "nota.pdf")]
    assert (restored_media / attachment.file.name).read_bytes() == PDF

    again = run_script("restore.sh", backup, database=scratch_database, media=tmp_path / "other")
    assert again.returncode == 1
    assert "restore only into an empty database" in again.stderr
