"""Private storage for uploaded documents (mediation case files, proofs of payment): outside the
web root, typed by content, size-limited.

Case files are confidential (D16; Ann. 590 Art. 3, R7.2), and so are proofs of payment, so they
live under the UPLOAD_DIR setting (default ``instance/uploads``), never under ``static/``, and
reach a browser only through a view that checks who is asking, as an attachment with the sniffed
type and ``nosniff`` (``web/downloads.py``). Nothing here imports Flask: functions take a
directory.

- The type comes from the first bytes of the content (a small signature table), never from the
  client's file name or content type. Allowed: PDF, PNG, JPEG, UTF-8 plain text, and Word
  (.docx) / Excel (.xlsx) documents, which are ZIP containers told apart by their parts;
  macro-enabled Office files are refused.
- The size limit is checked while reading, so an oversized upload is never written whole.
- On disk a file is named by 32 random hex digits; the client's name is kept only as metadata
  (`StoredFile.original_name`) and `open_stored` accepts nothing but such a name, so no path
  can reach outside the directory.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import secrets
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path, PurePath
from typing import IO, BinaryIO

from marketplace.errors import N_, Message, MessageError

__all__ = [
    "FileKind",
    "StoredFile",
    "UploadRejected",
    "clean_original_name",
    "open_stored",
    "remove_stored",
    "store",
]

_CHUNK = 64 * 1024
_MIB = 1024 * 1024
_STORED_NAME = re.compile(r"[0-9a-f]{32}")
_MAX_ORIGINAL_NAME = 200
# C0 and C1 control characters other than tab, line feed, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_ZIP_MAGIC = b"PK\x03\x04"


class FileKind(StrEnum):
    """The document types a case accepts."""

    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"
    TEXT = "text"
    DOCX = "docx"
    XLSX = "xlsx"

    @property
    def content_type(self) -> str:
        """The media type to serve the file with (text is UTF-8)."""
        return _CONTENT_TYPES[self]

    @property
    def extension(self) -> str:
        """The usual file-name extension, with its dot."""
        return _EXTENSIONS[self]


_CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.PNG: "image/png",
    FileKind.JPEG: "image/jpeg",
    FileKind.TEXT: "text/plain; charset=utf-8",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_EXTENSIONS = {
    FileKind.PDF: ".pdf",
    FileKind.PNG: ".png",
    FileKind.JPEG: ".jpg",
    FileKind.TEXT: ".txt",
    FileKind.DOCX: ".docx",
    FileKind.XLSX: ".xlsx",
}
# First bytes → kind. A ZIP container is looked into by `_office_kind`.
_SIGNATURES: tuple[tuple[bytes, FileKind | None], ...] = (
    (b"%PDF-", FileKind.PDF),
    (b"\x89PNG\r\n\x1a\n", FileKind.PNG),
    (b"\xff\xd8\xff", FileKind.JPEG),
    (_ZIP_MAGIC, None),
)
_SNIFF_BYTES = max(len(magic) for magic, _kind in _SIGNATURES)
# The part that makes an Office Open XML package a Word document or a workbook.
_OFFICE_PARTS = (("word/document.xml", FileKind.DOCX), ("xl/workbook.xml", FileKind.XLSX))


class UploadRejected(MessageError):
    """An upload refused for its type, size or emptiness; ``detail`` says why, translatably."""


@dataclass(frozen=True)
class StoredFile:
    """A stored case document: its name on disk and what we know of it."""

    stored_name: str
    original_name: str
    kind: FileKind
    size: int
    sha256: str

    @property
    def content_type(self) -> str:
        return self.kind.content_type

    @property
    def download_name(self) -> str:
        """The original name, with the extension of the real type appended when it differs
        (``scan.html`` that is a PDF downloads as ``scan.html.pdf``)."""
        suffix = PurePath(self.original_name).suffix.lower()
        if suffix == self.kind.extension or (self.kind is FileKind.JPEG and suffix == ".jpeg"):
            return self.original_name
        return self.original_name + self.kind.extension


def clean_original_name(name: str) -> str:
    """The client's file name made safe to keep and show: its last path component only, NFC,
    without control characters, at most 200 characters (the extension kept), or ``document``."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    name = name.strip(".").strip()
    if len(name) > _MAX_ORIGINAL_NAME:
        suffix = PurePath(name).suffix
        suffix = suffix if len(suffix) <= 20 else ""
        name = name[: _MAX_ORIGINAL_NAME - len(suffix)] + suffix
    return name or "document"


def _mebibytes(size: int) -> str:
    """``size`` in MiB for messages: 20, 1.5, 0.01."""
    value = (Decimal(size) / _MIB).quantize(Decimal("0.01"))
    return format(value.normalize(), "f")


@dataclass
class _Copy:
    """What was learnt while copying the upload: size, first bytes, whether it is text, digest."""

    size: int = 0
    head: bytes = b""
    text: bool = True
    sha256: str = ""


def _copy(source: IO[bytes], target: BinaryIO, max_bytes: int) -> _Copy:
    """Copy ``source`` into ``target`` up to ``max_bytes``; refuse as soon as it is larger."""
    seen = _Copy()
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    while chunk := source.read(_CHUNK):
        seen.size += len(chunk)
        if seen.size > max_bytes:
            raise UploadRejected(Message(N_("The file is larger than %(limit)s MiB."),
                                         {"limit": _mebibytes(max_bytes)}))
        if len(seen.head) < _SNIFF_BYTES:
            seen.head = (seen.head + chunk)[:_SNIFF_BYTES]
        if seen.text:
            seen.text = _still_text(decoder, chunk, final=False)
        digest.update(chunk)
        target.write(chunk)
    if seen.text:
        seen.text = _still_text(decoder, b"", final=True)
    seen.sha256 = digest.hexdigest()
    return seen


def _still_text(decoder: codecs.IncrementalDecoder, chunk: bytes, *, final: bool) -> bool:
    """Whether the bytes so far are UTF-8 text without control characters."""
    try:
        decoded = decoder.decode(chunk, final=final)
    except UnicodeDecodeError:
        return False
    return _CONTROL.search(decoded) is None


def _office_kind(path: Path) -> FileKind:
    """A ZIP upload is accepted only as a Word document or an Excel workbook without macros."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {name.lower() for name in archive.namelist()}
    except zipfile.BadZipFile:
        raise _unsupported() from None
    if any(part.endswith("vbaproject.bin") for part in parts):
        raise UploadRejected(N_("Documents with macros cannot be uploaded."))
    if "[content_types].xml" in parts:
        for part, kind in _OFFICE_PARTS:
            if part in parts:
                return kind
    raise _unsupported()


def _unsupported() -> UploadRejected:
    return UploadRejected(N_(
        "Only PDF, PNG, JPEG, plain text (UTF-8), Word (.docx) and Excel (.xlsx) files can be "
        "uploaded."))


def _kind(seen: _Copy, path: Path) -> FileKind:
    """The file's kind from its content: the signature table, then UTF-8 text."""
    for magic, kind in _SIGNATURES:
        if seen.head.startswith(magic):
            return kind if kind is not None else _office_kind(path)
    if seen.text:
        return FileKind.TEXT
    raise _unsupported()


def store(
    upload_dir: str | os.PathLike[str], data: IO[bytes], original_name: str, max_bytes: int
) -> StoredFile:
    """Store the bytes read from ``data`` under ``upload_dir`` with a new random name (D16).

    Raises `UploadRejected` for an empty file, one over ``max_bytes`` (MAX_UPLOAD_MB in bytes)
    or a type outside `FileKind`; nothing is left on disk then. The directory is created
    (mode 0700) when missing; the file is written to a temporary name and renamed into place,
    mode 0600.
    """
    if max_bytes < 1:
        raise ValueError("max_bytes must be positive")
    directory = Path(upload_dir)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".upload-")
    path = Path(temporary)
    try:
        with os.fdopen(handle, "wb") as target:
            seen = _copy(data, target, max_bytes)
        if seen.size == 0:
            raise UploadRejected(N_("The file is empty."))
        kind = _kind(seen, path)
        stored_name = secrets.token_hex(16)
        path.replace(directory / stored_name)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return StoredFile(stored_name, clean_original_name(original_name), kind, seen.size,
                      seen.sha256)


def _stored_path(upload_dir: str | os.PathLike[str], stored_name: str) -> Path:
    """The path of a stored file; anything but a name `store` could have made is not found."""
    if not _STORED_NAME.fullmatch(stored_name):
        raise FileNotFoundError(stored_name)
    return Path(upload_dir) / stored_name


def open_stored(upload_dir: str | os.PathLike[str], stored_name: str) -> BinaryIO:
    """Open a stored file for reading.

    Raises `FileNotFoundError` for a missing file and for any name that is not 32 lower-case
    hex digits, so ``../`` paths, absolute paths and the temporary files never open.
    """
    return _stored_path(upload_dir, stored_name).open("rb")


def remove_stored(upload_dir: str | os.PathLike[str], stored_name: str) -> bool:
    """Delete a stored file (e.g. when the transaction that recorded it rolls back); returns
    whether there was one. Names are checked as in `open_stored`."""
    try:
        _stored_path(upload_dir, stored_name).unlink()
    except FileNotFoundError:
        return False
    return True
