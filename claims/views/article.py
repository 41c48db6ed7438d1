from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from claims import roles
from claims.highlight import highlighted_html
from claims.models import Claim

# Claim cards rendered with the page; the rest come in pages of this size as the list is
# scrolled (htmx, hx-trigger="revealed"), or through a "more claims" link without JS.
CARDS_PER_PAGE = 50


def _cards(article: Article, page: int):
    """One page of the article's claim cards, in text order, and whether another follows."""
    start = (page - 1) * CARDS_PER_PAGE
    cards = list(
        Claim.objects.filter(article=article).for_list().in_text_order()[start : start + CARDS_PER_PAGE + 1]
    )
    return cards[:CARDS_PER_PAGE], len(cards) > CARDS_PER_PAGE


@login_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The article text with its claims highlighted in place, the claim list and the review panel.

    A constant number of queries whatever the claim count. The highlights need every claim's
    span, type and status only; the cards (assignee, verdict, quantities: `for_list()`) are
    rendered CARDS_PER_PAGE at a time, so an article with 1,500 claims stays a light page.
    """
    article = get_object_or_404(Article.objects.select_related("outlet", "created_by"), pk=pk)
    spans = list(
        Claim.objects.filter(article=article)
        .in_text_order()
        .only("pk", "start", "end", "claim_type", "status", "checkworthy")
    )
    cards, more = _cards(article, 1) if spans else ([], False)
    context = {
        "article": article,
        "claims": spans,
        "cards": cards,
        "next_page": 2 if more else None,
        "highlighted": highlighted_html(article.text, spans),
        "checkworthy_count": sum(1 for c in spans if c.checkworthy),
        "type_choices": Claim.Type.choices,
        "status_choices": Claim.Status.choices,
        "can_reextract": article.can_be_reextracted_by(request.user),
        "can_delete": can_delete(request.user, article),
        "can_correct": roles.can_review(request.user),
        # Reporters and up correct the article's details (articles:edit); the role is cached per request.
        "can_edit": roles.can_review(request.user),
    }
    return render(request, "claims/article_detail.html", context)


@login_required
@require_GET
def article_claims(request: HttpRequest, pk: int) -> HttpResponse:
    """GET /articles/<pk>/claims/?page=N: the next page of the article's claim cards (a fragment)."""
    article = get_object_or_404(Article.objects.only("pk"), pk=pk)
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        return HttpResponseBadRequest(_("The page must be a number."))
    if not 1 <= page <= 100_000:
        return HttpResponseBadRequest(_("The page must be a number."))
    cards, more = _cards(article, page)
    return render(
        request,
        "claims/review/_claim_cards.html",
        {"article": article, "cards": cards, "next_page": page + 1 if more else None},
    )


def can_delete(user, article: Article) -> bool:
    """A failed article with no claims can go: its submitter or an editor removes it from the list."""
    return article.status == Article.Status.FAILED and (
        roles.is_editor(user) or (roles.can_review(user) and article.created_by_id == user.pk)
    )


@login_required
@require_POST
def article_delete(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    if not can_delete(request.user, article):
        raise PermissionDenied(_("Only a failed article's submitter or an editor can delete it."))
    if article.claims.exists():
        messages.error(request, _("This article has claims: re-extract it instead of deleting it."))
        return redirect("article_detail", pk=pk)
    title = article.display_title
    article.delete()
    messages.success(request, _("Article deleted: %(title)s") % {"title": title})
    return redirect("articles:list")


# The article page and its deletion are mounted under /articles/<pk>/ in config/urls.py.
urlpatterns: list = []
