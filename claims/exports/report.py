"""The printable report: claims with their verdicts, rationales and evidence, grouped
by status (or verdict) and dated, as an HTML page or a PDF (WeasyPrint).

The same template renders both. The page links its stylesheets; the PDF and a
downloaded HTML file carry them inline, and WeasyPrint never fetches anything
(`_no_fetch`): a claim or evidence URL must not make the server open a connection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from claims.exports.rows import iter_claims
from claims.models import Claim, Rating

# Reviewed claims first, then the queue, dismissed last.
STATUS_ORDER = ["published", "verdict_proposed", "in_review", "new", "dismissed"]


@dataclass
class Group:
    key: str
    title: str
    claims: list[Claim] = field(default_factory=list)
    rating: Rating | None = None


def _sort_key(claim: Claim):
    # Check-worthy first, then the most check-worthy, then in text order.
    return (not claim.checkworthy, -claim.checkworthiness, claim.article_id, claim.start)


def group_claims(claims: list[Claim], *, by: str = "status") -> list[Group]:
    groups: dict[str, Group] = {}
    if by == "verdict":
        for claim in claims:
            key = claim.verdict.slug if claim.verdict else ""
            if key not in groups:
                groups[key] = Group(
                    key, claim.verdict.label if claim.verdict else _("No verdict yet"), rating=claim.verdict
                )
            groups[key].claims.append(claim)
        ordered = sorted(
            groups.values(), key=lambda g: (g.rating is None, g.rating.position if g.rating else 0)
        )
    else:
        labels = dict(Claim.Status.choices)
        for claim in claims:
            groups.setdefault(claim.status, Group(claim.status, str(labels[claim.status]))).claims.append(
                claim
            )
        ordered = [groups[s] for s in STATUS_ORDER if s in groups]
    for group in ordered:
        group.claims.sort(key=_sort_key)
    return ordered


def report_context(
    queryset: QuerySet,
    *,
    group_by: str = "status",
    title: str = "",
    article: Article | None = None,
    filters_text: str = "",
) -> dict:
    claims = list(
        iter_claims(queryset.select_related("article__outlet"), prefetch=["quantities", "evidence"])
    )
    groups = group_claims(claims, by=group_by)
    reviewed = sum(1 for c in claims if c.verdict_id)
    return {
        "title": title or (article.display_title if article else _("Claims report")),
        "article": article,
        "groups": groups,
        "group_by": group_by,
        "claim_count": len(claims),
        "reviewed_count": reviewed,
        "checkworthy_count": sum(1 for c in claims if c.checkworthy),
        "generated_at": timezone.localtime(),
        "filters_text": filters_text,
        "show_article": article is None,
    }


_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


def rating_styles() -> list[dict]:
    """Each rating's badge colours, checked: a colour goes into a stylesheet verbatim."""
    styles = []
    for rating in Rating.objects.all():
        if not _SLUG.match(rating.slug):
            continue
        colour = rating.colour if _HEX.match(rating.colour or "") else "#777777"
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        # Dark text on light badges, white on dark ones (WCAG relative luminance, roughly).
        ink = "#111111" if (0.2126 * r + 0.7152 * g + 0.0722 * b) > 150 else "#ffffff"
        styles.append({"slug": rating.slug, "colour": colour, "ink": ink})
    return styles


def report_css() -> str:
    """The report's stylesheet with the rating colours, as inlined in files and PDFs."""
    return render_to_string("claims/report.css", {"ratings": rating_styles()})


def render_report_html(context: dict, *, request=None, standalone: bool = False) -> str:
    """The report page. `standalone` inlines the CSS (a downloaded file or a PDF)."""
    context = {**context, "inline_css": report_css() if standalone else ""}
    return render_to_string("claims/report.html", context, request=request)


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"The report does not load external resources ({url[:80]}).")


def render_report_pdf(context: dict) -> bytes:
    from weasyprint import HTML

    html = render_report_html(context, standalone=True)
    return HTML(string=html, url_fetcher=_no_fetch, base_url="about:blank").write_pdf()
