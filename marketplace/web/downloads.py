"""Stored uploads sent to a browser: always an attachment, with the type sniffed from the content
when it was stored, ``nosniff`` and no caching, so a "PDF" holding HTML is never rendered."""

from __future__ import annotations

import os

from flask import abort, send_file
from werkzeug.wrappers import Response as BaseResponse

from marketplace.files import FileKind, StoredFile, open_stored

#: A file stored before its type was kept is served as bytes, never as what its name says.
UNKNOWN_TYPE = "application/octet-stream"


def send_stored(directory: str | os.PathLike[str], stored_name: str, original_name: str,
                kind: FileKind | None) -> BaseResponse:
    """Send a stored file (404 when it is gone) as an attachment named after ``original_name``
    (with the real type's extension appended when it differs)."""
    try:
        handle = open_stored(directory, stored_name)
    except FileNotFoundError:
        abort(404)
    if kind is None:
        mimetype, download_name = UNKNOWN_TYPE, original_name
    else:
        stored = StoredFile(stored_name, original_name, kind, 0, "")
        mimetype, download_name = stored.content_type, stored.download_name
    response = send_file(handle, mimetype=mimetype, as_attachment=True,
                         download_name=download_name)
    # Exactly our type: given a text type, send_file appends a second "; charset=utf-8".
    response.headers["Content-Type"] = mimetype
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
