"""Why an upload was refused. Both are validation failures naming `file` (the API shows them like any
other bad input); the upload route also maps them to 413 and 415."""
from __future__ import annotations

from backend.core.errors import ValidationFailed


class FileTooLarge(ValidationFailed):
    """More bytes (or, for an image, more pixels) than the purpose allows."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")


class UnsupportedFileType(ValidationFailed):
    """The bytes are not a type the purpose accepts, or cannot be read as the type they claim to be."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")
