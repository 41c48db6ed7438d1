"""Everything that creates or requeues articles goes through here.

Views, the API, management commands and tasks call these functions; each one
stores first and queues work only once the transaction has committed, so a
broker or worker outage delays an article but never loses it (the periodic
sweep in `articles.tasks.requeue_stuck_articles` picks up what was not sent).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from datetime import datetime

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop

from articles.ingestion import (
    Document,
    FetchError,
    IngestionError,
    check_upload_size,
    content_hash,
    detect_language,
    fetch_url,
    parse_allow_hosts,
    read_upload,
    validate_text,
    validate_url,
)
from articles.ingestion.titles import derive_title, title_from_url
from articles.models import Article, Outlet

logger = logging.getLogger(__name__)

# The extraction task lives in the claims app; articles only knows its name.
EXTRACT_TASK = "claims.tasks.extract_article"
FETCH_TASK = "articles.tasks.fetch_article"


@dataclass
class Submission:
    article: Article
    created: bool


def fetch_allow_hosts() -> frozenset[tuple[str, int]]:
    """settings.FETCH_ALLOW_HOSTS as the guard takes it (parsed once per value)."""
    return _parsed_allow_hosts(tuple(settings.FETCH_ALLOW_HOSTS))


def fetch_policy() -> dict:
    """The site's fetch settings as keywords of fetch_url/fetch_raw (time, redirects, private
    addresses, allowed internal hosts): the one place settings meet the fetcher."""
    return {
        "timeout": settings.FETCH_TIMEOUT_SECONDS,
        "max_redirects": settings.FETCH_MAX_REDIRECTS,
        "allow_private": settings.FETCH_ALLOW_PRIVATE_ADDRESSES,
        "allow_hosts": fetch_allow_hosts(),
    }


def fetch_page(url: str):
    """Fetch a page with the site's limits and SSRF policy, for articles, followed sources and fact-checks."""
    return fetch_url(url, max_bytes=settings.FETCH_MAX_BYTES, **fetch_policy())


@functools.lru_cache(maxsize=8)
def _parsed_allow_hosts(entries: tuple[str, ...]) -> frozenset[tuple[str, int]]:
    return parse_allow_hosts(entries)


def _send_task(name: str, article_id: int) -> None:
    # By name through the current app: apps do not import the project package (config).
    try:
        current_app.send_task(name, args=[article_id])
    except Exception:  # noqa: BLE001 - broker down: the sweep will requeue it
        logger.warning(
            "Could not queue %s for article %s; the sweep will retry", name, article_id, exc_info=True
        )


def queue_article(article: Article) -> None:
    """Queue the article's next step once the current transaction commits."""
    task = FETCH_TASK if not article.text and article.url else EXTRACT_TASK
    article_id = article.pk
    transaction.on_commit(lambda: _send_task(task, article_id))


def outlet_for(name: str, *, domain: str = "") -> Outlet | None:
    name = (name or "").strip()[:200]
    if not name:
        return None
    outlet, _ = Outlet.objects.get_or_create(name=name, defaults={"domain": domain[:253]})
    return outlet


def _checked_reference_url(url: str) -> str:
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise IngestionError(f"{url[:200]} is not a valid http(s) URL.") from None
    return url


def _aware(value: datetime | None) -> datetime | None:
    """A timezone-aware publication date within a plausible range (1900 to next year)."""
    if value is None:
        return None
    if not (1900 <= value.year <= timezone.now().year + 1):
        raise IngestionError(gettext_noop("The publication date must lie between 1900 and next year."))
    if timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def read_uploaded_file(upload) -> bytes:
    """The bytes of an uploaded file, refused by its size before any is read.

    Django spools a large upload to a temporary file; reading it whole before the
    size check cost 1.33 GB of memory for a 1.43 GB file (issue 17).
    """
    check_upload_size(upload.size, max_bytes=settings.UPLOAD_MAX_BYTES)
    return upload.read(settings.UPLOAD_MAX_BYTES + 1)


def article_submit(
    *,
    text: str = "",
    url: str = "",
    title: str = "",
    outlet: str = "",
    author: str = "",
    published_at: datetime | None = None,
    language: str = "",
    upload_name: str = "",
    upload_data: bytes | None = None,
    origin: str | None = None,
    submitted_by=None,
) -> Submission:
    """Store one article from pasted text, an uploaded file or a URL, and queue it.

    1. A file is read into a Document (its metadata fill what the form left blank).
    2. Text is cleaned and validated; a URL alone is checked by the SSRF guard.
    3. The same text (by content hash) or the same URL returns the existing article.
    4. The article is stored as `queued`; its task is sent after commit.
    """
    doc = Document(text=text)
    if upload_data is not None:
        doc = read_upload(
            upload_name,
            upload_data,
            max_bytes=settings.UPLOAD_MAX_BYTES,
            max_chars=settings.ARTICLE_MAX_CHARS,
        )
        origin = origin or Article.Origin.FILE
    url = (url or doc.url or "").strip()
    body = doc.text if upload_data is not None else text
    if url:
        if body.strip():
            # The URL is only a reference here (nothing is fetched): check its form.
            url = _checked_reference_url(url)
        else:
            url = validate_url(
                url, allow_private=settings.FETCH_ALLOW_PRIVATE_ADDRESSES, allow_hosts=fetch_allow_hosts()
            )
        existing = Article.objects.filter(url=url).first()
        if existing:
            return Submission(existing, created=False)

    fields = {
        "title": " ".join((title or doc.title).split())[:500],
        "author": (author or doc.author).strip()[:300],
        "published_at": _aware(published_at or doc.published_at),
        "url": url or None,
        "original_html": doc.original_html,
        "created_by": submitted_by if getattr(submitted_by, "is_authenticated", False) else None,
    }
    if body.strip() or not url:
        body = validate_text(body, max_chars=settings.ARTICLE_MAX_CHARS)
        digest = content_hash(body)
        existing = Article.objects.filter(content_hash=digest).first()
        if existing:
            return Submission(existing, created=False)
        # No title given or found in the file: one derived from the text ("date 2022-10 …"
        # and other metadata lines skipped).
        fields["title"] = fields["title"] or derive_title(body)
        fields.update(
            text=body,
            content_hash=digest,
            language=(language or doc.language or detect_language(body))[:8],
            origin=origin or Article.Origin.TEXT,
        )
    else:
        fields.update(language=language[:8], origin=origin or Article.Origin.URL)

    try:
        with transaction.atomic():
            article = Article(**fields, outlet=outlet_for(outlet or doc.outlet))
            if upload_data is not None:
                article.original_file.save(
                    upload_name[-100:] or "upload", ContentFile(upload_data), save=False
                )
            article.save()
            queue_article(article)
    except IntegrityError:
        # Lost a race with an identical submission: return the winner.
        existing = Article.objects.filter(content_hash=fields.get("content_hash")).first() or (
            Article.objects.filter(url=url).first() if url else None
        )
        if existing is None:
            raise
        return Submission(existing, created=False)
    return Submission(article, created=True)


def article_fetch(*, article_id: int, retry_transient: bool) -> None:
    """Fetch a URL article's page, store its text, then queue extraction (articles.tasks.fetch_article).

    1. Only an article still waiting for its text is fetched (a redelivered message does nothing).
    2. A failure is recorded on the article, except a transient one (timeout, 5xx) while
       `retry_transient`: that FetchError is raised for the task to retry.
    3. Text that is empty, too long, or already another article's fails the article.
    4. The text and the page's metadata (where the submitter left them blank) are stored, the
       article goes back to `queued`, and extraction is sent after commit.
    """
    article = Article.objects.filter(pk=article_id, text="", url__isnull=False).first()
    if article is None or article.status in (Article.Status.EXTRACTED, Article.Status.FAILED):
        return
    Article.objects.filter(pk=article_id).update(status_changed_at=timezone.now(), attempts=F("attempts") + 1)
    try:
        doc = fetch_page(article.url)
    except FetchError as exc:
        if exc.transient and retry_transient:
            raise
        article.set_status(Article.Status.FAILED, error=f"Could not fetch the page: {exc.message}")
        return
    except IngestionError as exc:
        article.set_status(Article.Status.FAILED, error=exc.message)
        return

    text = doc.text.strip()
    if not text:
        article.set_status(
            Article.Status.FAILED, error="The page has no article text that could be extracted."
        )
        return
    if len(text) > settings.ARTICLE_MAX_CHARS:
        article.set_status(
            Article.Status.FAILED,
            error=f"The page text is {len(text):,} characters long; the limit is {settings.ARTICLE_MAX_CHARS:,}.",
        )
        return
    digest = content_hash(text)
    duplicate = Article.objects.filter(content_hash=digest).exclude(pk=article_id).first()
    if duplicate:
        article.set_status(Article.Status.FAILED, error=f"Same text as article #{duplicate.pk}.")
        return
    try:
        with transaction.atomic():
            article.text = text
            article.content_hash = digest
            article.original_html = doc.original_html
            article.title = article.title or " ".join(doc.title.split())[:500] or derive_title(text)
            article.author = article.author or doc.author[:300]
            article.published_at = article.published_at or doc.published_at
            article.language = article.language or doc.language or detect_language(text)
            article.outlet = article.outlet or outlet_for(doc.outlet)
            article.status = Article.Status.QUEUED
            article.status_changed_at = timezone.now()
            article.save()
            transaction.on_commit(lambda: _send_task(EXTRACT_TASK, article_id))
    except IntegrityError:
        article.refresh_from_db()
        article.set_status(
            Article.Status.FAILED, error="Another article with the same text was stored meanwhile."
        )


@dataclass
class ImportReport:
    created: list[Article] = field(default_factory=list)
    existing: list[Article] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def articles_import(*, rows, submitted_by=None) -> ImportReport:
    """Import parsed bulk rows (see `ingestion.parse_bulk`), one article each.

    A bad row is reported with its line number and does not stop the others.
    """
    report = ImportReport()
    for row in rows:
        if row.error:
            report.errors.append((row.line, row.error))
            continue
        data = row.data
        try:
            submission = article_submit(
                text=data.get("text") or "",
                url=data.get("url") or "",
                title=data.get("title") or "",
                outlet=data.get("outlet") or "",
                author=data.get("author") or "",
                published_at=data.get("published_at"),
                language=data.get("language") or "",
                origin=Article.Origin.BULK,
                submitted_by=submitted_by,
            )
        except IngestionError as exc:
            report.errors.append((row.line, exc.message))
            continue
        (report.created if submission.created else report.existing).append(submission.article)
    return report


EDITABLE_FIELDS = ("title", "outlet", "author", "published_at", "url")


def article_update(*, article: Article, changes: dict, by=None) -> Article:
    """Correct an article's details (reporters and up): title, outlet, author, published_at, url.

    Only the keys present in `changes` are touched. A blank title goes back to the one
    derived from the text; a blank outlet, author, date or URL clears it. The URL is
    only a reference (its form is checked, nothing is fetched) and must not be another
    article's. The text, and so every claim offset, never changes. IngestionError
    (nothing saved) on bad input.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise IngestionError(
            gettext_noop("Only the title, outlet, author, publication date and URL can be edited.")
        )
    if "title" in changes:
        title = " ".join((changes["title"] or "").split())
        if len(title) > 500:
            raise IngestionError(gettext_noop("The title is longer than 500 characters."))
        article.title = (
            title or derive_title(article.text) or (title_from_url(article.url) if article.url else "")
        )
    if "author" in changes:
        author = " ".join((changes["author"] or "").split())
        if len(author) > 300:
            raise IngestionError(gettext_noop("The author is longer than 300 characters."))
        article.author = author
    if "published_at" in changes:
        article.published_at = _aware(changes["published_at"])
    if "url" in changes:
        url = (changes["url"] or "").strip()
        if not url and not article.text:
            raise IngestionError(gettext_noop("This article has no text yet: its URL is needed to fetch it."))
        if url:
            url = _checked_reference_url(url)
            if Article.objects.filter(url=url).exclude(pk=article.pk).exists():
                raise IngestionError(gettext_noop("Another article already has this URL."))
        article.url = url or None
    with transaction.atomic():
        if "outlet" in changes:
            name = " ".join((changes["outlet"] or "").split())
            if len(name) > 200:
                raise IngestionError(gettext_noop("The outlet name is longer than 200 characters."))
            article.outlet = outlet_for(name)
        try:
            with transaction.atomic():
                article.save(update_fields=[*EDITABLE_FIELDS, "updated_at"])
        except IntegrityError:
            raise IngestionError(gettext_noop("Another article already has this URL.")) from None
    return article


def article_requeue(*, article: Article) -> Article:
    """Run extraction again (keeping claims a journalist has worked on)."""
    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(
            status=Article.Status.QUEUED, error="", status_changed_at=timezone.now(), attempts=0
        )
        article.refresh_from_db()
        queue_article(article)
    return article
