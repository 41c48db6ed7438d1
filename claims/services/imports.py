"""Claims with verdicts from another fact-checking tool, from a CSV file.

Columns (header row, any order; comma, semicolon or tab separated; UTF-8):

- article_id or article_url: the article, already in Claimtrack
- claim (or text, claim_text): the claim as written in the article
- rating (or verdict): a rating slug or label (``mostly-true``, ``Mostly true``)
- rationale: why (required, as for any proposed verdict)
- evidence_url (optional): one URL, or several separated by spaces or ";"

Steps:
1. `import_check()` reads every row and reports each row's errors (a dry run);
2. `import_claims()` re-checks and, only when no row has an error, creates them all
   in one transaction.

An imported claim is not published: it arrives as ``verdict_proposed`` with the
importer as proposer (and assignee), so an editor still approves it. Its offsets
come from the first occurrence of its text in the article (str.find).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from claims import roles
from claims.models import Claim, Evidence, Rating

MAX_BYTES = 2 * 1024 * 1024
# The longest cell we take: a rationale, as in the API (ProposeInput.rationale).
MAX_CELL_CHARS = 20_000
# Ids, URLs and spans are looked up this many at a time: one OR of 1,500 spans
# was "Expression tree is too large" on SQLite.
LOOKUP_BATCH = 500
ALIASES = {
    "article_id": "article_id",
    "article": "article_id",
    "article_url": "article_url",
    "url": "article_url",
    "claim": "claim",
    "text": "claim",
    "claim_text": "claim",
    "rating": "rating",
    "verdict": "rating",
    "rationale": "rationale",
    "explanation": "rationale",
    "evidence_url": "evidence_url",
    "evidence_urls": "evidence_url",
    "evidence": "evidence_url",
}


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, no header, too large)."""


@dataclass
class ImportRow:
    line: int
    article_ref: str = ""
    text: str = ""
    rating_ref: str = ""
    rationale: str = ""
    evidence_urls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    article: Article | None = None
    rating: Rating | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class ImportResult:
    rows: list[ImportRow]
    created: int = 0

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and self.error_count == 0


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)}
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("The file is not UTF-8 text (save it as “CSV UTF-8”).")) from exc


def parse_rows(data: bytes | str) -> list[ImportRow]:
    text = _decode(data).lstrip("\ufeff")
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    first_line = text.splitlines()[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    # Python's csv refuses a cell over 131,072 characters with an exception; the
    # file is at most MAX_BYTES, so no cell can be longer than it. Long cells are
    # then reported on their row (MAX_CELL_CHARS). The limit is process-wide:
    # only ever raised, as articles.ingestion.bulk does.
    if csv.field_size_limit() < len(text) + 1:
        csv.field_size_limit(len(text) + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [ALIASES.get(name.strip().lower().replace(" ", "_"), "") for name in next(reader)]
        if "claim" not in header or not ({"article_id", "article_url"} & set(header)):
            raise ImportFileError(
                _("The header needs a “claim” column and an “article_id” or “article_url” column.")
            )
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= settings.BULK_IMPORT_MAX_ROWS:
                raise ImportFileError(
                    _("At most %(n)s rows per file.") % {"n": settings.BULK_IMPORT_MAX_ROWS}
                )
            rows.append(_row(reader.line_num, header, cells))
    except csv.Error as exc:
        raise ImportFileError(
            _("Line %(line)s is not valid CSV: %(error)s") % {"line": reader.line_num, "error": exc}
        ) from None
    return rows


def _row(line: int, header: list[str], cells: list[str]) -> ImportRow:
    values = {name: cell.strip() for name, cell in zip(header, cells) if name}
    long_cells = [name for name, value in values.items() if len(value) > MAX_CELL_CHARS]
    # A cell too long to take is kept out of the row (shown cut in the preview) and reported.
    for name in long_cells:
        values[name] = values[name][:200]
    row = ImportRow(
        line=line,
        article_ref=values.get("article_id") or values.get("article_url", ""),
        text=values.get("claim", ""),
        rating_ref=values.get("rating", ""),
        rationale=values.get("rationale", ""),
        evidence_urls=[u for u in values.get("evidence_url", "").replace(";", " ").split() if u],
    )
    for name in long_cells:
        row.errors.append(
            _("The %(column)s is longer than %(n)s characters.")
            % {"column": name, "n": f"{MAX_CELL_CHARS:,}"}
        )
    return row


def _batches(items, size: int = LOOKUP_BATCH):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _check(rows: list[ImportRow]) -> None:
    """Resolve articles and ratings, find each text in its article, collect errors."""
    ratings = {r.slug.lower(): r for r in Rating.objects.all()}
    ratings.update({r.label.lower(): r for r in ratings.values()})
    ratings.update(
        {
            str(name).lower(): r
            for r in list(ratings.values())
            if isinstance(r.labels, dict)
            for name in r.labels.values()
            if name
        }
    )
    ids = {int(r.article_ref) for r in rows if r.article_ref.isdigit()}
    urls = {r.article_ref for r in rows if r.article_ref and not r.article_ref.isdigit()}
    articles: dict[str, Article] = {}
    found = [
        *(article for batch in _batches(ids) for article in _articles(Q(pk__in=batch))),
        *(article for batch in _batches(urls) for article in _articles(Q(url__in=batch))),
    ]
    for article in found:
        articles[str(article.pk)] = article
        if article.url:
            articles[article.url] = article
    validate_url = URLValidator(schemes=["http", "https"])
    seen: set[tuple[int, int, int]] = set()
    for row in rows:
        row.article = articles.get(row.article_ref)
        if not row.article_ref:
            row.errors.append(_("No article id or URL."))
        elif row.article is None:
            row.errors.append(_("No article %(ref)s in Claimtrack.") % {"ref": row.article_ref})
        if not row.text:
            row.errors.append(_("The claim text is empty."))
        elif row.article is not None:
            start = row.article.text.find(row.text)
            if start < 0:
                row.errors.append(_("The claim text is not in the article."))
            else:
                row.start, row.end = start, start + len(row.text)
        row.rating = ratings.get(row.rating_ref.lower())
        if row.rating is None:
            row.errors.append(_("Unknown rating “%(rating)s”.") % {"rating": row.rating_ref})
        if not row.rationale:
            row.errors.append(_("The rationale is required."))
        for url in row.evidence_urls:
            try:
                validate_url(url)
            except ValidationError:
                row.errors.append(_("Not a web address: %(url)s") % {"url": url[:100]})
        if row.start is not None:
            span = (row.article.pk, row.start, row.end)
            if span in seen:
                row.errors.append(_("The same claim appears twice in the file."))
            seen.add(span)
    existing = _existing_spans({(r.article.pk, r.start, r.end) for r in rows if r.start is not None})
    for row in rows:
        if row.start is not None and (row.article.pk, row.start, row.end) in existing:
            row.errors.append(_("This claim is already in Claimtrack."))


def _articles(query: Q):
    return Article.objects.filter(query).only("pk", "url", "text", "language")


def _existing_spans(spans: set[tuple[int, int, int]]) -> set[tuple[int, int, int]]:
    """The spans already taken by a claim: LOOKUP_BATCH spans per query, matched exactly here."""
    existing: set[tuple[int, int, int]] = set()
    for batch in _batches(sorted(spans)):
        candidates = Claim.objects.filter(
            article_id__in={span[0] for span in batch}, start__in={span[1] for span in batch}
        ).values_list("article_id", "start", "end")
        existing.update(set(candidates) & set(batch))
    return existing


def import_check(*, data: bytes | str) -> ImportResult:
    rows = parse_rows(data)
    _check(rows)
    return ImportResult(rows=rows)


@transaction.atomic
def import_claims(*, data: bytes | str, by) -> ImportResult:
    """Create every claim of the file, or none (any row error)."""
    if not roles.is_editor(by):
        raise PermissionDenied(_("Only editors can import claims."))
    result = import_check(data=data)
    if not result.ok:
        return result
    now = timezone.now()
    for row in result.rows:
        claim = Claim(
            article=row.article,
            text=row.text,
            start=row.start,
            end=row.end,
            # Another desk chose to check it: it was check-worthy.
            checkworthy=True,
            checkworthiness=1.0,
            language=row.article.language,
            status=Claim.Status.VERDICT_PROPOSED,
            verdict=row.rating,
            rationale=row.rationale,
            proposed_by=by,
            proposed_at=now,
            assignee=by,
            extractor_version="import",
        )
        claim._history_user = by
        claim._change_reason = "import"
        claim.save()
        Evidence.objects.bulk_create(
            Evidence(claim=claim, url=url, title=url[:300], added_by=by) for url in row.evidence_urls
        )
        result.created += 1
    return result
