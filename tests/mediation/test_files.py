"""Private storage of case documents: types by content, size limits, safe names (D16)."""

from __future__ import annotations

import hashlib
import io
import stat
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from marketplace.files import (
    FileKind,
    UploadRejected,
    clean_original_name,
    open_stored,
    remove_stored,
    store,
)

MIB = 1024 * 1024
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
TEXT = "付款标准争议：2025 年度销售额 1,234,567.89 元\r\n\tsecond line\n".encode()


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes(*extra: str) -> bytes:
    parts = {"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>",
             "word/document.xml": b"<w:document/>"}
    return zip_bytes({**parts, **dict.fromkeys(extra, b"x")})


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "应付金额"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def files_in(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


class Trickle(io.RawIOBase):
    """A stream that returns at most ``step`` bytes per read and counts what it gave out."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step, self.given = data, step, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        count = self.step if size < 0 else min(size, self.step)
        chunk = self.data[self.given:self.given + count]
        self.given += len(chunk)
        return chunk


@pytest.mark.parametrize(("content", "kind", "content_type"), [
    (PDF, FileKind.PDF, "application/pdf"),
    (PNG, FileKind.PNG, "image/png"),
    (JPEG, FileKind.JPEG, "image/jpeg"),
    (TEXT, FileKind.TEXT, "text/plain; charset=utf-8"),
    (b"\xef\xbb\xbfwith a byte-order mark\n", FileKind.TEXT, "text/plain; charset=utf-8"),
    (docx_bytes(), FileKind.DOCX,
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (xlsx_bytes(), FileKind.XLSX,
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_allowed_types_are_stored(
    tmp_path: Path, content: bytes, kind: FileKind, content_type: str
) -> None:
    stored = store(tmp_path, io.BytesIO(content), "证据 1.bin", max_bytes=MIB)
    assert stored.kind is kind and stored.content_type == content_type
    assert stored.size == len(content)
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored.original_name == "证据 1.bin"
    assert files_in(tmp_path) == [stored.stored_name]
    with open_stored(tmp_path, stored.stored_name) as stream:
        assert stream.read() == content


def test_the_stored_name_is_random_and_never_the_clients(tmp_path: Path) -> None:
    names = {store(tmp_path, io.BytesIO(PDF), "contract.pdf", max_bytes=MIB).stored_name
             for _ in range(3)}
    assert len(names) == 3
    for name in names:
        assert len(name) == 32 and set(name) <= set("0123456789abcdef")
    assert "contract.pdf" not in files_in(tmp_path)


def test_the_clients_name_does_not_decide_the_type(tmp_path: Path) -> None:
    stored = store(tmp_path, io.BytesIO(PNG), "statement.pdf", max_bytes=MIB)
    assert stored.kind is FileKind.PNG
    assert stored.download_name == "statement.pdf.png"
    with pytest.raises(UploadRejected):
        store(tmp_path, io.BytesIO(b"MZ\x90\x00\x03\x00\x00\x00"), "harmless.pdf", max_bytes=MIB)


def test_download_name_keeps_a_matching_extension(tmp_path: Path) -> None:
    assert store(tmp_path, io.BytesIO(PDF), "协议.PDF", max_bytes=MIB).download_name == "协议.PDF"
    assert store(tmp_path, io.BytesIO(JPEG), "scan.jpeg", max_bytes=MIB).download_name == (
        "scan.jpeg")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "The file is empty."),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "Only PDF, PNG, JPEG"),  # a Windows executable
    (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "Only PDF, PNG, JPEG"),
    (b"caf\xe9 au lait\n", "Only PDF, PNG, JPEG"),  # Latin-1, not UTF-8
    (b"text with a NUL\x00 inside\n", "Only PDF, PNG, JPEG"),
    (b"escape \x1b[31m", "Only PDF, PNG, JPEG"),
    (b"PK\x03\x04 but not a zip at all", "Only PDF, PNG, JPEG"),
    (zip_bytes({"notes.txt": b"hello"}), "Only PDF, PNG, JPEG"),  # a plain ZIP archive
    (zip_bytes({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"x"}),
     "Only PDF, PNG, JPEG"),
    (docx_bytes("word/vbaProject.bin"), "Documents with macros cannot be uploaded."),
])
def test_refused_types_leave_nothing_behind(tmp_path: Path, content: bytes, message: str) -> None:
    with pytest.raises(UploadRejected) as info:
        store(tmp_path, io.BytesIO(content), "upload.pdf", max_bytes=MIB)
    assert str(info.value).startswith(message)
    assert files_in(tmp_path) == []


def test_size_limit(tmp_path: Path) -> None:
    at_limit = b"a" * MIB
    assert store(tmp_path, io.BytesIO(at_limit), "big.txt", max_bytes=MIB).size == MIB
    with pytest.raises(UploadRejected) as info:
        store(tmp_path, io.BytesIO(at_limit + b"a"), "bigger.txt", max_bytes=MIB)
    assert str(info.value) == "The file is larger than 1 MiB."
    assert info.value.detail.params == {"limit": "1"}
    assert len(files_in(tmp_path)) == 1


def test_an_oversized_upload_is_not_read_to_the_end(tmp_path: Path) -> None:
    stream = Trickle(b"%PDF-" + b"0" * (20 * MIB), step=64 * 1024)
    with pytest.raises(UploadRejected, match=r"larger than 1\.5 MiB"):
        store(tmp_path, stream, "huge.pdf", max_bytes=MIB * 3 // 2)
    assert stream.given <= MIB * 3 // 2 + 64 * 1024
    assert files_in(tmp_path) == []


def test_short_reads_and_characters_split_between_chunks(tmp_path: Path) -> None:
    assert store(tmp_path, Trickle(PNG, step=1), "p.png", max_bytes=MIB).kind is FileKind.PNG
    # 70,000 bytes of three-byte characters: the 64 KiB chunks cut characters in half.
    chinese = "专利开放许可".encode() * 3889
    assert len(chinese) % (64 * 1024) != 0
    assert store(tmp_path, io.BytesIO(chinese), "t.txt", max_bytes=MIB).kind is FileKind.TEXT
    # A text cut in the middle of a character is not UTF-8.
    with pytest.raises(UploadRejected):
        store(tmp_path, io.BytesIO("专利".encode()[:-1]), "t.txt", max_bytes=MIB)


def test_files_are_private_on_disk(tmp_path: Path) -> None:
    directory = tmp_path / "uploads" / "mediation"
    stored = store(directory, io.BytesIO(PDF), "a.pdf", max_bytes=MIB)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert stat.S_IMODE((directory / stored.stored_name).stat().st_mode) == 0o600


@pytest.mark.parametrize("name", [
    "../secret.txt", "../../etc/passwd", "/etc/passwd", "..", ".", "",
    "ABCDEF0123456789ABCDEF0123456789",  # upper case: never made by store
    "0123456789abcdef0123456789abcde",  # 31 digits
    "0123456789abcdef0123456789abcdef/../../secret.txt",
    ".upload-abc",
])
def test_open_stored_refuses_anything_but_a_stored_name(tmp_path: Path, name: str) -> None:
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (tmp_path / "secret.txt").write_text("not yours")
    with pytest.raises(FileNotFoundError):
        open_stored(uploads, name)
    assert remove_stored(uploads, name) is False
    assert (tmp_path / "secret.txt").exists()


def test_open_and_remove_stored(tmp_path: Path) -> None:
    stored = store(tmp_path, io.BytesIO(TEXT), "a.txt", max_bytes=MIB)
    assert remove_stored(tmp_path, stored.stored_name) is True
    assert remove_stored(tmp_path, stored.stored_name) is False
    with pytest.raises(FileNotFoundError):
        open_stored(tmp_path, stored.stored_name)


@pytest.mark.parametrize(("raw", "clean"), [
    ("合同.pdf", "合同.pdf"),
    ("C:\\Users\\zhang\\Desktop\\付款记录.xlsx", "付款记录.xlsx"),
    ("../../etc/passwd", "passwd"),
    ("bad\x00name\x1b.txt", "badname.txt"),
    ("  .hidden  ", "hidden"),
    ("", "document"),
    ("../", "document"),
    ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ("e\u0301.txt", "\u00e9.txt"),  # NFC
])
def test_clean_original_name(raw: str, clean: str) -> None:
    assert clean_original_name(raw) == clean


def test_the_original_name_is_kept_clean(tmp_path: Path) -> None:
    stored = store(tmp_path, io.BytesIO(PDF), "..\\..\\证据.pdf", max_bytes=MIB)
    assert stored.original_name == "证据.pdf"
