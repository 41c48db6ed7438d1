from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

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
        # Reporters and up correct the article's details (articles:edit); the role is cached per request.
        "can_edit": roles.can_review(request.user),
    }
    return render(request, "claims/article_detail.html", context)


urlpatterns: list = []  # the article page is mounted at /articles/<pk>/ in config/urls.py
