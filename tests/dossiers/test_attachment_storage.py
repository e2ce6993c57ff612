"""An upload is stored whole or not at all: a full disk or a failed save leaves no file."""

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError
from django.urls import reverse
from django.utils import translation

from common.storage import AtomicFileSystemStorage
from dossiers import services
from dossiers.models import attachment_storage

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + bytes(200_000)


class DiskFullsAfterFirstChunk:
    """An upload's content on a disk that fills up after the first chunk is written."""

    def __init__(self, content) -> None:
        self.content = content

    def chunks(self):
        chunks = self.content.chunks(chunk_size=64 * 1024)
        yield next(chunks)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class FullDiskStorage(AtomicFileSystemStorage):
    def _save(self, name, content):
        return super()._save(name, DiskFullsAfterFirstChunk(content))


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def test_a_write_that_fails_at_the_file_size_limit_leaves_no_file(tmp_path):
    """A real write fault: the process may write at most 100 kB (like a full disk)."""
    code = textwrap.dedent(
        f"""
        import resource, signal
        from django.conf import settings
        settings.configure()
        from django.core.files.base import ContentFile
        from common.storage import AtomicFileSystemStorage
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failing write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
        storage = AtomicFileSystemStorage(location={str(tmp_path)!r})
        try:
            storage.save("attachments/big.pdf", ContentFile(bytes(300_000)))
        except OSError as error:
            print("refused", error.errno)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["refused", str(errno.EFBIG)], result.stderr
    assert files_under(tmp_path) == []


def test_a_file_is_written_whole_under_its_own_name(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    name = storage.save("attachments/nota.pdf", SimpleUploadedFile("nota.pdf", PDF))
    second = storage.save("attachments/nota.pdf", SimpleUploadedFile("nota.pdf", b"other"))
    assert name != second
    assert (tmp_path / name).read_bytes() == PDF
    assert sorted(files_under(tmp_path)) == sorted([tmp_path / name, tmp_path / second])


def test_a_full_disk_during_an_upload_keeps_nothing_and_says_so(
    officer_client, open_dossier, tmp_path, monkeypatch
):
    monkeypatch.setattr(attachment_storage, "_wrapped", FullDiskStorage(tmp_path))
    url = reverse("dossiers:attachment_add", args=[open_dossier.pk])
    response = officer_client.post(url, {"file": SimpleUploadedFile("nota.pdf", PDF)})
    assert response.status_code == 422
    with translation.override("nl"):
        message = translation.gettext("The file could not be stored. Try again later.")
    assert message in response.content.decode()
    assert open_dossier.attachments.count() == 0
    assert files_under(tmp_path) == []


def test_an_attachment_whose_row_fails_to_save_leaves_no_file(officer, open_dossier, media):
    with pytest.raises(DataError):
        services.attachment_add(
            dossier=open_dossier,
            upload=SimpleUploadedFile("nota.pdf", PDF),
            content_type="application/" + "x" * 200,  # longer than the column
            by=officer,
        )
    assert open_dossier.attachments.count() == 0
    assert files_under(media) == []


def test_a_saved_attachment_is_complete_on_disk(officer, open_dossier, media):
    attachment = services.attachment_add(
        dossier=open_dossier,
        upload=SimpleUploadedFile("nota.pdf", PDF),
        content_type="application/pdf",
        by=officer,
    )
    assert files_under(media) == [media / attachment.file.name]
    assert (media / attachment.file.name).read_bytes() == PDF
