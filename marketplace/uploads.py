"""Bounds on parsing an uploaded file, checked before and while it is read (no Flask here).

An upload is refused with `UploadTooLarge` (a 413 in the API and on pages) as soon as it breaks a
bound of `ParseLimits`: its uncompressed size, a ZIP container's declared member sizes and
compression ratio (read from the central directory before any member is inflated), its rows, its
columns, or the time parsing has taken. So no file, however crafted, holds a worker for long or
makes it grow: a 1 MB XLSX whose shared strings inflate to 1 GiB is refused from its directory,
and a sheet of millions of rows stops at the row bound. ``max_messages`` caps how many row errors
and warnings are reported (the rest are counted).
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from marketplace.errors import N_, DomainError, Message

__all__ = ["Budget", "ParseLimits", "UploadTooLarge", "check_zip"]

_MIB = 1024 * 1024
#: Members smaller than this are not judged by their compression ratio (tiny XML compresses well).
_RATIO_FLOOR = _MIB


class UploadTooLarge(DomainError):
    """The upload breaks a parsing bound; ``detail`` says which, translatably."""

    status = 413
    code = "payload_too_large"


@dataclass(frozen=True, slots=True)
class ParseLimits:
    """How much of an upload is parsed at most (settings ``IMPORT_MAX_*``)."""

    max_rows: int = 50_000
    max_columns: int = 200
    max_uncompressed_bytes: int = 100 * _MIB
    max_compression_ratio: int = 100
    max_seconds: float = 60.0
    max_messages: int = 1_000

    @classmethod
    def from_settings(cls, config: Mapping[str, Any]) -> ParseLimits:
        return cls(max_rows=int(config["IMPORT_MAX_ROWS"]),
                   max_columns=int(config["IMPORT_MAX_COLUMNS"]),
                   max_uncompressed_bytes=int(config["IMPORT_MAX_UNCOMPRESSED_MB"]) * _MIB,
                   max_compression_ratio=int(config["IMPORT_MAX_COMPRESSION_RATIO"]),
                   max_seconds=float(config["IMPORT_MAX_SECONDS"]),
                   max_messages=int(config["IMPORT_MAX_MESSAGES"]))

    def check_size(self, size: int) -> None:
        """Refuse text (or inflated content) larger than ``max_uncompressed_bytes``."""
        if size > self.max_uncompressed_bytes:
            raise UploadTooLarge(Message(
                N_("The file's content is larger than %(limit)s MiB once unpacked."),
                {"limit": self.max_uncompressed_bytes // _MIB}))

    def check_row(self, count: int) -> None:
        """Refuse a file once it has more than ``max_rows`` rows or lines (headers aside)."""
        if count > self.max_rows:
            raise UploadTooLarge(Message(
                N_("The file has more than %(limit)s rows; split it into smaller files."),
                {"limit": f"{self.max_rows:,}"}))

    def check_columns(self, count: int) -> None:
        if count > self.max_columns:
            raise UploadTooLarge(Message(
                N_("A row has %(count)s columns; at most %(limit)s are read."),
                {"count": f"{count:,}", "limit": self.max_columns}))

    def start(self) -> Budget:
        """The budget of one parse, its clock started now."""
        return Budget(self, time.monotonic() + self.max_seconds)


@dataclass(frozen=True, slots=True)
class Budget:
    """One parse's limits and the time by which it must have finished."""

    limits: ParseLimits
    deadline: float

    def row(self, count: int) -> None:
        """Called for every row or line read, blank ones too, with the count so far (headers
        aside): refuse the file past the row bound or the time budget."""
        self.limits.check_row(count)
        if time.monotonic() > self.deadline:
            raise UploadTooLarge(Message(
                N_("Reading the file took longer than %(seconds)s seconds; split it into "
                   "smaller files."), {"seconds": f"{self.limits.max_seconds:g}"}))


def check_zip(data: bytes, limits: ParseLimits) -> None:
    """Refuse a ZIP container (XLSX, DOCX) whose central directory declares more than
    ``max_uncompressed_bytes`` in all or in one member, or a member of at least 1 MiB inflating
    more than ``max_compression_ratio`` times. Nothing is inflated; reading a member later stops
    at its declared size (`zipfile` checks it), so the declaration bounds the work.

    Raises `zipfile.BadZipFile` when there is no readable central directory.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    limits.check_size(sum(member.file_size for member in members))
    for member in members:
        if member.file_size < _RATIO_FLOOR:
            continue
        if member.file_size > limits.max_compression_ratio * max(member.compress_size, 1):
            raise UploadTooLarge(Message(
                N_("The file's part %(part)s is compressed more than %(ratio)s times: it is "
                   "refused as a possible ZIP bomb."),
                {"part": member.filename[:100], "ratio": limits.max_compression_ratio}))
