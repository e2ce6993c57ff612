"""File storage that never leaves a partial file under a real name."""

import os
import tempfile

from django.core.files import File
from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    """Writes each file under a temporary name and moves it into place once complete.

    A full disk or a killed process leaves at most a hidden `.upload-*.part` file,
    which is removed whenever the write fails; the real name appears only complete.
    """

    def _save(self, name: str, content: File) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        descriptor, temporary_path = tempfile.mkstemp(
            dir=directory, prefix=".upload-", suffix=".part"
        )
        try:
            with os.fdopen(descriptor, "wb") as temporary:
                for chunk in content.chunks():
                    temporary.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                temporary.flush()
                os.fsync(temporary.fileno())
            while True:
                try:
                    # A hard link, unlike a rename, never replaces a file of the same name.
                    os.link(temporary_path, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            os.unlink(temporary_path)
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        return os.path.relpath(full_path, self.location).replace("\\", "/")
