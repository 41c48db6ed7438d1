"""The denial-of-service items of bench/dos.py, each run in a fresh child process whose working
directory is the code under test (`bench/dos.py --item NAME`); bench/dos.py says what each measures."""

from __future__ import annotations

import io
import os
import random
import resource
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

WORK = Path(os.environ.get("DOS_BENCH_TMP", "/tmp/claimtrack-dos-bench"))
USER, NO_ROLE = "bench-dos-reporter", "bench-dos-visitor"
MB = 1024 * 1024


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(fn):
    """(result, seconds, growth of peak RSS in MB)."""
    before = peak_mb()
    start = time.perf_counter()
    result = fn()
    return result, round(time.perf_counter() - start, 2), round(peak_mb() - before, 1)


def setup_django():
    sys.path.insert(0, os.getcwd())  # the code under test
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def bench_user(name: str, role: str | None):
    from django.contrib.auth.models import Group, User

    user, _ = User.objects.get_or_create(username=name)
    user.groups.set([Group.objects.get(name=role)] if role else [])
    return user


# --- items (run in the child process) ----------------------------------------------------------


def item_pdf_report(claims: int) -> dict:
    setup_django()
    from django.test import Client

    from claims.models import Export

    out = {"claims": claims}
    # Before the fix a user without a role got the same PDF, at the same cost: measured once.
    fixed = Path("claims/exports/limits.py").exists()
    for who, role in ((USER, "reporter"), *([(NO_ROLE, None)] if fixed else [])):
        user = bench_user(who, role)
        Export.objects.filter(owner=user).delete()
        client = Client()
        client.force_login(user)
        client.get("/claims/")  # warm up: imports, templates, catalogues
        response, seconds, grown = measure(
            lambda client=client: client.get(
                "/claims/report/", {"format": "pdf", "outlet": "Claimtrack bench"}
            )
        )
        body = b"".join(response.streaming_content) if response.streaming else response.content
        out[role or "no role"] = {
            "status": response.status_code,
            "seconds": seconds,
            "rss_growth_mb": grown,
            "bytes": len(body),
        }
        queued = Export.objects.filter(owner=user).first()
        if queued is not None:
            from claims.exports import jobs

            _, seconds, grown = measure(lambda queued=queued: jobs.export_build(export_id=queued.pk))
            queued.refresh_from_db()
            out[role or "no role"]["worker_build"] = {
                "status": queued.status,
                "seconds": seconds,
                "rss_growth_mb": grown,
            }
            Export.objects.filter(pk=queued.pk).delete()
    return out


def item_export_starvation(claims: int) -> dict:
    setup_django()
    from django.conf import settings
    from django.test import Client

    from articles.models import Article
    from claims.models import Export

    user = bench_user(USER, "reporter")
    Export.objects.filter(owner=user).delete()
    client = Client()
    client.force_login(user)
    from config.celery import app

    with app.connection_for_write() as conn:  # messages left by an earlier, interrupted run
        for queue in ("celery", "exports"):
            try:
                conn.default_channel.queue_purge(queue)
            except Exception:  # noqa: BLE001 - a queue that does not exist yet
                pass
    args = ["--queues=celery,exports"] if "exports" in Path("bin/run-dev").read_text() else []
    log = open(WORK / f"worker-{os.getpid()}.log", "wb")  # noqa: SIM115
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--loglevel=info",
            "--concurrency=2",
            "--without-gossip",
            "--without-mingle",
            *args,
        ],
        cwd=os.getcwd(),
        env={**os.environ, "PYTHONPATH": os.getcwd()},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        from articles.services import article_submit

        def extract(label: str) -> tuple[str, float]:
            text = f"{label} {random.random()}: Le chômage a baissé de 3 % en 2024, selon l'Insee."
            start = time.perf_counter()
            article = article_submit(text=text, title="dos-bench", submitted_by=user).article
            while time.perf_counter() - start < 900:
                article.refresh_from_db()
                if article.status in ("extracted", "failed"):
                    break
                time.sleep(0.25)
            return article.status, round(time.perf_counter() - start, 1)

        extract("warm-up")  # the worker is up and has loaded its models
        statuses = [
            client.get("/claims/report/", {"format": "pdf", "outlet": "Claimtrack bench"}).status_code
            for _ in range(3)
        ]
        time.sleep(1)  # the exports reach the worker first
        status, waited = extract("after the exports")
        exports = list(Export.objects.filter(owner=user).values_list("status", flat=True))
        return {
            "claims_per_export": claims,
            "export_requests": statuses,
            "exports_queued": len(exports),
            "article_status": status,
            "article_wait_seconds": waited,
            "settings": {
                "pdf_sync_max": getattr(
                    settings, "EXPORT_PDF_ASYNC_THRESHOLD", settings.EXPORT_ASYNC_THRESHOLD
                )
            },
        }
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        Export.objects.filter(owner=user).delete()
        Article.objects.filter(title="dos-bench").delete()


def _gil_watch(fn):
    """Run fn while a thread ticks every 10 ms; return (result, longest gap between ticks)."""
    gaps, stop = [0.0], threading.Event()

    def tick():
        last = time.perf_counter()
        while not stop.is_set():
            time.sleep(0.01)
            now = time.perf_counter()
            gaps[0] = max(gaps[0], now - last)
            last = now

    thread = threading.Thread(target=tick)
    thread.start()
    try:
        result = fn()
    finally:
        stop.set()
        thread.join()
    return result, round(gaps[0], 2)


def _read(name: str, data: bytes) -> str:
    import inspect

    from articles.ingestion import IngestionError, read_upload

    kwargs = {"max_bytes": 10 * MB}
    if "max_chars" in inspect.signature(read_upload).parameters:
        kwargs["max_chars"] = 200_000  # as articles.services passes it
    try:
        return f"read, {len(read_upload(name, data, **kwargs).text):,} characters"
    except IngestionError as exc:
        return f"refused: {exc.message}"


def item_markdown(kind: str) -> dict:
    setup_django()
    # The 200 KB bold file; the comment case at 50 KB (quadratic before the fix:
    # at 200 KB it would take 16 times as long).
    data = {"bold": " **a" * 50_000, "comment": "<!--" * 12_500}[kind].encode()
    (outcome, gil), seconds, grown = measure(lambda: _gil_watch(lambda: _read("a.md", data)))
    return {
        "bytes": len(data),
        "outcome": outcome,
        "seconds": seconds,
        "longest_gil_hold_seconds": gil,
        "rss_growth_mb": grown,
    }


def _docx_path(xml_mb: int) -> Path:
    """A .docx built from python-docx's template with a document.xml of about xml_mb MB."""
    path = WORK / f"big-{xml_mb}mb-v2.docx"
    if path.exists():
        return path
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    rng = random.Random(17)
    # 400 words in 60 paragraphs: the part deflates about 15:1, as the file did.
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
        for _ in range(400)
    ]
    paragraphs = [" ".join(rng.choice(words) for _ in range(40)) for _ in range(60)]
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, tail = body.split(b"<w:body>")
                with target.open("word/document.xml", "w") as part:
                    part.write(head + b"<w:body>")
                    written = 0
                    while written < xml_mb * MB:
                        text = rng.choice(paragraphs)
                        p = f'<w:p><w:pPr><w:spacing w:after="120"/></w:pPr><w:r><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'.encode()
                        part.write(p)
                        written += len(p)
                    part.write(tail)
            else:
                target.writestr(item, body)
    return path


def item_docx(xml_mb: int) -> dict:
    setup_django()
    path = _docx_path(xml_mb)
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    outcome, seconds, grown = measure(lambda: _read("big.docx", data))
    return {
        "file_mb": round(len(data) / MB, 1),
        "document_xml_mb": round(info.file_size / MB, 1),
        "ratio": round(info.file_size / info.compress_size, 1),
        "outcome": outcome,
        "seconds": seconds,
        "rss_growth_mb": grown,
    }


def item_upload(size_mb: int) -> dict:
    """The multipart body is a file on disk given as wsgi.input (as a server streams it), so
    the process holds none of it before the request is handled."""
    setup_django()
    from django.test import RequestFactory
    from django.test.client import ClientHandler
    from rest_framework.authtoken.models import Token

    user = bench_user(USER, "reporter")
    token, _ = Token.objects.get_or_create(user=user)
    boundary = "dos-bench-boundary"
    path = WORK / f"upload-{size_mb}mb.multipart"
    with open(path, "wb") as body:
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
            f"Content-Type: text/plain\r\n\r\n".encode()
        )
        for _ in range(size_mb):
            body.write(b"x" * MB)
        body.write(f"\r\n--{boundary}--\r\n".encode())
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    ClientHandler()(RequestFactory().get("/api/v1/me/", **auth).environ)  # warm up
    with open(path, "rb") as stream:
        environ = RequestFactory()._base_environ(
            PATH_INFO="/api/v1/articles/",
            REQUEST_METHOD="POST",
            CONTENT_LENGTH=str(path.stat().st_size),
            CONTENT_TYPE=f"multipart/form-data; boundary={boundary}",
            **auth,
            **{"wsgi.input": stream},
        )
        response, seconds, grown = measure(lambda: ClientHandler(enforce_csrf_checks=False)(environ))
    path.unlink()
    return {
        "upload_mb": size_mb,
        "status": response.status_code,
        "answer": response.content[:120].decode(),
        "seconds": seconds,
        "rss_growth_mb": grown,
    }


ITEMS = {
    "pdf_report": lambda a: item_pdf_report(a.claims),
    "export_starvation": lambda a: item_export_starvation(a.claims),
    "markdown_bold": lambda a: item_markdown("bold"),
    "markdown_comment": lambda a: item_markdown("comment"),
    "docx_99mb_xml": lambda a: item_docx(99),
    "docx_15mb_xml": lambda a: item_docx(15),
    "upload_300mb": lambda a: item_upload(300),
}
