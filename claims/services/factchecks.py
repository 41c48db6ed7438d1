"""Import fact-checks published elsewhere, so that new claims can be matched against them.

Two forms:
- schema.org ClaimReview JSON-LD: a file (one object, a list, an ``@graph``, or the JSON Lines of a
  feed), or a page URL carrying the markup in ``<script type="application/ld+json">`` (fetched
  through the SSRF-guarded fetcher);
- a CSV with the columns ``claim, rating, url, publisher, date, language``.
Each becomes a FactCheck with its source; the same URL and claim twice is one row.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from claims.models import FactCheck

MAX_ITEMS = 50_000
CSV_COLUMNS = ("claim", "rating", "url", "publisher", "date", "language")
_LD_JSON = re.compile(r"<script[^>]+type=[\"']application/ld\+json[\"'][^>]*>(.*?)</script>", re.I | re.S)


class FactCheckImportError(ValueError):
    """The input cannot be read at all (a readable message)."""


@dataclass
class ImportReport:
    created: int = 0
    existing: int = 0
    skipped: list[str] = field(default_factory=list)


def _date(value) -> date | None:
    if not value:
        return None
    text = str(value).strip()
    parsed = parse_datetime(text)
    return parsed.date() if parsed else parse_date(text[:10])


def _name(value) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("url") or "")
    if isinstance(value, list) and value:
        return _name(value[0])
    return str(value or "")


def _claim_reviews(node) -> list[dict]:
    """Every ClaimReview object in a JSON-LD document, however nested."""
    found = []
    if isinstance(node, list):
        for item in node:
            found += _claim_reviews(item)
    elif isinstance(node, dict):
        kind = node.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "ClaimReview" in kinds:
            found.append(node)
        for key in ("@graph", "mainEntity", "hasPart", "itemListElement", "item"):
            if key in node:
                found += _claim_reviews(node[key])
    return found


def from_claimreview(review: dict, *, source_ref: str = "") -> FactCheck | None:
    text = str(review.get("claimReviewed") or "").strip()
    if not text:
        return None
    rating = review.get("reviewRating") or {}
    item = review.get("itemReviewed") or {}
    url = str(review.get("url") or "").strip()
    return FactCheck(
        claim_text=text[:5000],
        rating=_name(rating.get("alternateName") if isinstance(rating, dict) else "")[:200],
        url=url if url.lower().startswith(("http://", "https://")) else "",
        publisher=_name(review.get("author") or review.get("publisher"))[:200],
        published_on=_date(
            review.get("datePublished") or (item.get("datePublished") if isinstance(item, dict) else None)
        ),
        language=str(review.get("inLanguage") or "")[:8],
        source=FactCheck.Source.CLAIMREVIEW,
        source_ref=source_ref[:2000],
    )


def parse_jsonld(data: str, *, source_ref: str = "") -> list[FactCheck]:
    """A JSON document, or JSON Lines (a feed dump): every ClaimReview in it."""
    data = data.strip()
    if not data:
        raise FactCheckImportError(_("The file is empty."))
    try:
        documents = [json.loads(data)]
    except json.JSONDecodeError:
        try:
            documents = [json.loads(line) for line in data.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise FactCheckImportError(
                _("This is not JSON-LD: %(error)s (line %(line)s).") % {"error": exc.msg, "line": exc.lineno}
            ) from None
        except RecursionError:
            raise FactCheckImportError(_("The JSON is nested too deeply.")) from None
    except RecursionError:
        raise FactCheckImportError(_("The JSON is nested too deeply.")) from None
    checks = [
        c
        for doc in documents
        for r in _claim_reviews(doc)
        if (c := from_claimreview(r, source_ref=source_ref))
    ]
    if not checks:
        raise FactCheckImportError(_("No ClaimReview with a claimReviewed text was found."))
    return checks[:MAX_ITEMS]


def parse_html(html: str, *, source_ref: str) -> list[FactCheck]:
    checks = []
    for block in _LD_JSON.findall(html):
        try:
            checks += parse_jsonld(block, source_ref=source_ref)
        except FactCheckImportError:
            continue
    if not checks:
        raise FactCheckImportError(_("The page carries no ClaimReview markup."))
    return checks


def parse_csv(data: str, *, source_ref: str = "") -> list[FactCheck]:
    reader = csv.DictReader(io.StringIO(data.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "claim" not in header:
        raise FactCheckImportError(
            _("The CSV needs a header with the columns %(columns)s.") % {"columns": ", ".join(CSV_COLUMNS)}
        )
    reader.fieldnames = header
    checks = []
    try:
        for row in reader:
            text = (row.get("claim") or "").strip()
            if not text:
                continue
            url = (row.get("url") or "").strip()
            checks.append(
                FactCheck(
                    claim_text=text[:5000],
                    rating=(row.get("rating") or "").strip()[:200],
                    url=url if url.lower().startswith(("http://", "https://")) else "",
                    publisher=(row.get("publisher") or "").strip()[:200],
                    published_on=_date(row.get("date")),
                    language=(row.get("language") or "").strip()[:8],
                    source=FactCheck.Source.CSV,
                    source_ref=source_ref[:2000],
                )
            )
            if len(checks) >= MAX_ITEMS:
                break
    except csv.Error as exc:
        raise FactCheckImportError(_("The CSV cannot be read: %(error)s.") % {"error": exc}) from None
    if not checks:
        raise FactCheckImportError(_("The CSV has no row with a claim."))
    return checks


JSON_SUFFIXES = ("json", "jsonld", "ndjson", "jsonl")


def parse_file(name: str, data: bytes | str) -> list[FactCheck]:
    """A file's fact-checks: a CSV by its extension, JSON-LD by its extension, else by its first
    character ('{' or '[' is JSON)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FactCheckImportError(_("The file is not UTF-8 text.")) from None
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    is_json = suffix in JSON_SUFFIXES or (suffix != "csv" and data.lstrip().startswith(("{", "[")))
    return parse_jsonld(data, source_ref=name) if is_json else parse_csv(data, source_ref=name)


def fetch_page(url: str) -> str:
    """The raw HTML of a fact-check page, through the same SSRF guard as article URLs."""
    from articles.ingestion import IngestionError
    from articles.services import fetch_page as fetch_with_site_limits

    try:
        document = fetch_with_site_limits(url)
    except IngestionError as exc:
        raise FactCheckImportError(_(exc.message)) from None
    return document.original_html or ""


@transaction.atomic
def store(checks: list[FactCheck], *, by=None) -> ImportReport:
    report = ImportReport()
    for check in checks:
        check.imported_by = by
        _obj, created = FactCheck.objects.get_or_create(
            url=check.url,
            claim_text=check.claim_text,
            defaults={
                f.name: getattr(check, f.name)
                for f in FactCheck._meta.concrete_fields
                if f.name not in ("id", "url", "claim_text", "created_at")
            },
        )
        if created:
            report.created += 1
        else:
            report.existing += 1
    return report
