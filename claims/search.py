"""Full-text search over claims, shared by the queue and the API.

On PostgreSQL a claim matches when its *search document* (claim text + speaker,
stemmed once with the French and once with the English configuration) matches
the query parsed with both configurations, OR when its article's title does.
The two sides live in different tables, so rather than a trigger-maintained
column they are two index-served lookups whose claim ids are UNION-ed:

1. `claim_search_idx`: GIN over `claim_document()` on claims_claim;
2. `article_title_search_idx`: GIN over `title_document()` on articles_article,
   then claims of those articles through `claim_span_unique` (article, start, end).

Both indexes are created by migration 0006_queue_indexes on PostgreSQL only, by
`schema_editor.add_index()` with the very expressions below, so the planner sees
the same expression in the index and in the query. Change one, change the other
(and write a migration).

On SQLite (the embedded default) there is no stemming: a case-insensitive
`icontains` over the same three fields.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Q, QuerySet

# Claims are mostly French or English; other languages still match word for word
# through the "simple"-like behaviour of unknown stems.
CONFIGS = ("french", "english")
MAX_QUERY_LENGTH = 200


def claim_document() -> SearchVector:
    vectors = [SearchVector("text", "speaker", config=config) for config in CONFIGS]
    return vectors[0] + vectors[1]


def title_document() -> SearchVector:
    vectors = [SearchVector("title", config=config) for config in CONFIGS]
    return vectors[0] + vectors[1]


def parsed_query(query: str) -> SearchQuery:
    """websearch syntax ("quoted phrase", -excluded, or) in both configurations, OR-ed."""
    queries = [SearchQuery(query, search_type="websearch", config=config) for config in CONFIGS]
    return queries[0] | queries[1]


def claim_search_index() -> GinIndex:
    return GinIndex(claim_document(), name="claim_search_idx")


def title_search_index() -> GinIndex:
    return GinIndex(title_document(), name="article_title_search_idx")


def _is_postgresql(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search_claims(queryset: QuerySet, query: str) -> QuerySet:
    """Narrow a Claim queryset to the claims matching `query` (blank: unchanged)."""
    from articles.models import Article
    from claims.models import Claim

    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    if not query:
        return queryset
    if not _is_postgresql(queryset):
        return queryset.filter(
            Q(text__icontains=query) | Q(speaker__icontains=query) | Q(article__title__icontains=query)
        )
    tsquery = parsed_query(query)
    # order_by() clears the models' default orderings: Claim's ("article", "start") would
    # otherwise join articles and sort inside each branch of the UNION.
    by_document = (
        Claim.objects.annotate(document=claim_document()).filter(document=tsquery).order_by().values("pk")
    )
    titles = (
        Article.objects.annotate(document=title_document()).filter(document=tsquery).order_by().values("pk")
    )
    by_title = Claim.objects.filter(article__in=titles).order_by().values("pk")
    return queryset.filter(pk__in=by_document.union(by_title))
