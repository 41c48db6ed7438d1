"""Hostile uploads through the API and the submit page: each a clear 400, nothing stored."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from articles.tests.test_ingestion_readers import build_docx

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
ENGLISH = "Inflation rose to 4.2% in March, the highest in a year, the statistics office said. " * 3


def docx_bomb() -> bytes:
    """A real .docx plus a 200 MB entry of zeros that deflates to ~200 KB."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(build_docx(["Unemployment fell by 3 percent."]))) as source,
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        with target.open("word/media/bomb.bin", "w") as bomb:
            for _ in range(200):
                bomb.write(b"\x00" * MB)
    return buffer.getvalue()


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def docm_bytes() -> bytes:
    return build_docx(["Macro-enabled document."])  # a Word file, but with the .docm extension


CASES = [
    # (id, filename, data factory, message fragment)
    ("exe", "setup.exe", lambda: b"MZ\x90\x00" + b"\x00" * 200, "Files of type .exe cannot be imported"),
    (
        "pdf",
        "report.pdf",
        lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n",
        "Files of type .pdf cannot be imported",
    ),
    ("docm", "macro.docm", docm_bytes, "Files of type .docm cannot be imported"),
    ("no extension", "article", lambda: ENGLISH.encode(), "Files of type (none) cannot be imported"),
    ("double extension", "article.docx.exe", lambda: b"MZ", "Files of type .exe cannot be imported"),
    ("png as docx", "story.docx", png_bytes, "damaged (it is not a readable zip archive)"),
    ("zip bomb", "story.docx", docx_bomb, "implausible size"),
    (
        "latin-1, undeclared and undetectable",
        "note.txt",
        lambda: "café crème à l'été".encode("latin-1"),
        "could not be detected",
    ),
    ("utf-16 without BOM", "note.txt", lambda: ENGLISH.encode("utf-16-le"), "looks like binary data"),
    ("utf-16-be without BOM", "note.txt", lambda: ENGLISH.encode("utf-16-be"), "looks like binary data"),
    (
        "NUL bytes",
        "note.txt",
        lambda: ENGLISH.encode()[:100] + b"\x00" + ENGLISH.encode()[100:],
        "looks like binary data",
    ),
    ("NUL bytes in markdown", "note.md", lambda: b"# Title\x00\n\nText", "looks like binary data"),
    ("bad BOM", "note.txt", lambda: b"\xff\xfe\x00\xd8a", "not valid UTF-16"),
    ("empty", "note.txt", lambda: b"", "empty"),
]


def api_upload(token_api, name: str, data: bytes):
    return token_api.post("/api/v1/articles/", {"file": SimpleUploadedFile(name, data)}, format="multipart")


def ui_upload(web, name: str, data: bytes):
    return web.post("/articles/new/", {"kind": "file", "file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize(("case", "name", "make", "message"), CASES, ids=[c[0] for c in CASES])
def test_the_api_refuses_a_hostile_upload(token_api, case, name, make, message):
    response = api_upload(token_api, name, make())
    assert response.status_code == 400, response.content[:300]
    assert message in str(response.json()), response.json()
    assert Article.objects.count() == 0


@pytest.mark.parametrize(("case", "name", "make", "message"), CASES, ids=[c[0] for c in CASES])
def test_the_submit_page_refuses_a_hostile_upload(web, case, name, make, message):
    response = ui_upload(web, name, make())
    assert response.status_code == 400
    body = response.content.decode()
    if case == "empty":
        message = "The submitted file is empty."  # Django's form refuses it first
    assert message.replace("'", "&#x27;") in body, body[-3000:]
    assert Article.objects.count() == 0


def test_the_upload_size_limit_applies_to_api_and_ui(token_api, web, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    data = ENGLISH.encode() * 10  # ~2.6 KB of valid text
    for response in (api_upload(token_api, "long.txt", data), ui_upload(web, "long.txt", data)):
        assert response.status_code == 400
        assert "the limit is 1,000 bytes" in response.content.decode()
    assert Article.objects.count() == 0
    # Under the limit, the same kind of file is accepted (the limit, not the content, refused it).
    assert api_upload(token_api, "short.txt", ENGLISH.encode()).status_code == 201


def test_a_file_with_a_path_in_its_name_is_stored_under_media_only(token_api, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = api_upload(token_api, "../../../../etc/cron.d/evil.txt", ENGLISH.encode())
    assert response.status_code == 201
    stored = Article.objects.get().original_file
    assert ".." not in stored.name
    assert (tmp_path / stored.name).resolve().is_relative_to(tmp_path.resolve())
