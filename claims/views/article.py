from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Article
from claims import roles
from claims.highlight import highlighted_html
from claims.models import Claim


@login_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The article text with its claims highlighted in place, the claim list and the review panel.

    A constant number of queries whatever the claim count: the cards need the
    assignee, verdict and quantities, all loaded by `for_list()`.
    """
    article = get_object_or_404(Article.objects.select_related("outlet", "created_by"), pk=pk)
    claims = list(Claim.objects.filter(article=article).for_list().in_text_order())
    context = {
        "article": article,
        "claims": claims,
        "highlighted": highlighted_html(article.text, claims),
        "checkworthy_count": sum(1 for c in claims if c.checkworthy),
        "type_choices": Claim.Type.choices,
        "status_choices": Claim.Status.choices,
        "can_reextract": article.can_be_reextracted_by(request.user),
        "can_delete": can_delete(request.user, article),
        "can_correct": roles.can_review(request.user),
        # Reporters and up correct the article's details (articles:edit); the role is cached per request.
        "can_edit": roles.can_review(request.user),
    }
    return render(request, "claims/article_detail.html", context)


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
