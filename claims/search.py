r"""Search over claims, shared by the queue (`?q=`) and the API (`?q=`).

What a user types is matched the way they expect, on both databases:

- accents, case and the kind of apostrophe do not matter: `nucleaire` finds
  `nucléaire`, `CHÔMAGE` finds `chômage`, `l'ONU` finds `l’ONU`;
- every word must match, in any order, in the claim's text, its speaker or its
  article's title (`budget transports` finds "le budget des transports");
- a word matches the start of a word (`nucl` finds `nucléaires`); a word with
  punctuation inside (`l'ONU`, `3,9`) or a "quoted phrase" must match as written,
  word after word; `-word` excludes claims that contain it.

How: the stored text is *folded* — no accents (unaccent / Unicode NFKD), lower
case, a space in front — by the SQL function ``claimtrack_fold(VARIADIC text[])``,
and each term of the query becomes a regular expression over it built from its
folded words: `l'ONU` → ``\Wl\W+onu`` (a word start, then any punctuation or
space between words, so every kind of apostrophe matches). The folding is cheap
(no regexp_replace on the stored side: the index recheck of 17,000 matching rows
took 0.8 s with one, see bench/search.py).

- PostgreSQL: an IMMUTABLE SQL function over the `unaccent` extension, created by
  migration 0010_w13sp_search_and_ratings with two GIN trigram (`pg_trgm`)
  indexes on the folded expressions below (`claim_fold_trgm_idx` over
  claimtrack_fold(text, speaker), `article_title_fold_trgm_idx` over
  claimtrack_fold(title)), so each word is an index lookup even at 100k claims.
  The PostgreSQL full-text search with the French and English configurations
  (stems: `terminal` finds `terminaux`, `floods` finds `flooding`) still runs
  beside it, and a claim found by either is found.
- SQLite (the embedded default): the same function in Python (`fold` below),
  registered on every connection (claims.apps); a scan, fine at a desk's scale.

The index expressions and the query expressions are built by the same functions
here, so the planner sees the same expression. Change one, change the other (and
write a migration).

Stored search columns (PostgreSQL, migration 0013_h16s_search_columns): the per-term
UNION of claim and title lookups above cost time in proportion to the number of matches
(1.4–3.3 s at 100,000 claims for a word in one claim out of eight). Each claim now
carries, in two columns the model does not know about, its folded text + speaker + article
title (`search_folded`, GIN trigram index) and the French + English tsvector of the same
(`search_document`, GIN index). A trigger keeps them right on every INSERT and UPDATE of a
claim, whoever writes it (save(), bulk_create, update(), raw SQL), and a trigger on
articles refreshes them when a title changes. The query is then one condition on one
table, which the planner can either answer from the GIN indexes (rare words) or check
row by row while walking the sort's index (frequent words: the first page is found
after a few hundred rows). SQLite keeps the expression path (a scan, fine at a desk's scale).
"""

from __future__ import annotations

import re
import unicodedata

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import BooleanField, F, Func, Q, QuerySet, TextField
from django.db.models.expressions import RawSQL

CONFIGS = ("french", "english")
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
FOLD_FUNCTION = "claimtrack_fold"

# Letters unaccent spells out and NFKD leaves alone; apostrophes that Unicode calls
# letters (ʼ U+02BC, ˈ) are separators like the others.
_LIGATURES = str.maketrans(
    {
        "œ": "oe",
        "æ": "ae",
        "ø": "o",
        "đ": "d",
        "ł": "l",
        "ħ": "h",
        "ı": "i",
        "ŀ": "l",
        "ʼ": " ",
        "ʻ": " ",
        "ʹ": " ",
        "ˈ": " ",
    }
)
_SEPARATORS = re.compile(r"[\W_]+")

# The PostgreSQL twin of fold(): unaccent (accents, ligatures, typographic quotes),
# lower(), then every run of what is not a letter or digit becomes one space. The
# class lists ASCII punctuation and the typographic marks explicitly rather than
# [^[:alnum:]], whose meaning for non-ASCII letters depends on the database's ctype.
# PL/pgSQL rather than SQL: an IMMUTABLE SQL function calling the STABLE unaccent() cannot be
# inlined, and a non-inlined SQL function costs more per row (the index recheck calls it on
# every candidate row) than PL/pgSQL's simple-expression path: 4.2 s against 2.6 s for a
# scan of 100,000 claims on the loaded bench machine.
FOLD_SQL = r"""
CREATE OR REPLACE FUNCTION claimtrack_fold(VARIADIC parts text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $func$
BEGIN
  RETURN ' ' || lower(public.unaccent('public.unaccent'::regdictionary, array_to_string(parts, ' ')));
END
$func$
"""
DROP_FOLD_SQL = "DROP FUNCTION IF EXISTS claimtrack_fold(VARIADIC text[])"


def fold(*parts: str | None) -> str:
    """ " text without accents, in lower case" (a space first: every word follows a non-word
    character): the SQLite twin of claimtrack_fold(), and how the query's words are folded."""
    text = " ".join(part for part in parts if part)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " " + text.casefold().translate(_LIGATURES)


def pattern(phrase: str) -> str:
    r"""A regular expression for `phrase`'s words, in order, each at a word start:
    `l'ONU` → `\Wl\W+onu`. The same on PostgreSQL (`~`) and SQLite (Django's REGEXP, Python's
    re): the words are letters and digits only, and \W means "not a letter, digit or _" in both."""
    words = [word for word in _SEPARATORS.split(fold(phrase)) if word]
    return (r"\W" + r"\W+".join(words)) if words else ""


class Fold(Func):
    function = FOLD_FUNCTION
    output_field = TextField()


def claim_folded() -> Fold:
    return Fold(F("text"), F("speaker"))


def title_folded() -> Fold:
    return Fold(F("title"))


def claim_fold_index() -> GinIndex:
    return GinIndex(OpClass(claim_folded(), name="gin_trgm_ops"), name="claim_fold_trgm_idx")


def title_fold_index() -> GinIndex:
    return GinIndex(OpClass(title_folded(), name="gin_trgm_ops"), name="article_title_fold_trgm_idx")


# --- PostgreSQL full-text search (stems), created by migration 0006_queue_indexes -----------------


def claim_document() -> SearchVector:
    vectors = [SearchVector("text", "speaker", config=config) for config in CONFIGS]
    return vectors[0] + vectors[1]


def title_document() -> SearchVector:
    vectors = [SearchVector("title", config=config) for config in CONFIGS]
    return vectors[0] + vectors[1]


def claim_search_index() -> GinIndex:
    return GinIndex(claim_document(), name="claim_search_idx")


def title_search_index() -> GinIndex:
    return GinIndex(title_document(), name="article_title_search_idx")


def parsed_query(query: str) -> SearchQuery:
    """websearch syntax ("quoted phrase", -excluded, or) in both configurations, OR-ed."""
    queries = [SearchQuery(query, search_type="websearch", config=config) for config in CONFIGS]
    return queries[0] | queries[1]


# --- the query --------------------------------------------------------------------------------------

_TOKENS = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse(query: str) -> tuple[list[str], list[str]]:
    """(required, excluded) terms, each a pattern() matched against the folded text."""
    required: list[str] = []
    excluded: list[str] = []
    for match in _TOKENS.finditer(
        query.replace("“", '"').replace("”", '"').replace("«", '"').replace("»", '"')
    ):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None:
            negated, phrase = ("-", word[1:]) if word.startswith("-") and len(word) > 1 else ("", word)
        term = pattern(phrase)
        if term:
            target = excluded if negated else required
            if term not in target:
                target.append(term)
    return required[:MAX_TERMS], excluded[:MAX_TERMS]


def _matching(term: str) -> Q:
    """Claims with `term` in their text or speaker, or in their article's title (a UNION of
    two index lookups: an OR across the two tables would scan every claim)."""
    from articles.models import Article
    from claims.models import Claim

    # order_by() clears the default orderings, which would join articles inside the UNION.
    in_claim = (
        Claim.objects.annotate(folded=claim_folded()).filter(folded__regex=term).order_by().values("pk")
    )
    titles = (
        Article.objects.annotate(folded=title_folded()).filter(folded__regex=term).order_by().values("pk")
    )
    in_title = Claim.objects.filter(article__in=titles).order_by().values("pk")
    return Q(pk__in=in_claim.union(in_title))


# --- stored columns (PostgreSQL) ------------------------------------------------------------------

# Statements, in order (a trigger function's body has semicolons of its own).
STORED_SQL = [
    r"ALTER TABLE claims_claim ADD COLUMN IF NOT EXISTS search_folded text NOT NULL DEFAULT ''",
    r"ALTER TABLE claims_claim ADD COLUMN IF NOT EXISTS search_document tsvector",
    r"""CREATE OR REPLACE FUNCTION claimtrack_claim_search() RETURNS trigger LANGUAGE plpgsql AS $func$
DECLARE
  title text;
  plain text;
BEGIN
  SELECT a.title INTO title FROM articles_article a WHERE a.id = NEW.article_id;
  NEW.search_folded := claimtrack_fold(NEW.text, NEW.speaker, coalesce(title, ''));
  plain := NEW.text || ' ' || NEW.speaker || ' ' || coalesce(title, '');
  NEW.search_document := to_tsvector('french'::regconfig, plain) || to_tsvector('english'::regconfig, plain);
  RETURN NEW;
END
$func$""",
    r"""CREATE OR REPLACE FUNCTION claimtrack_article_title_search() RETURNS trigger LANGUAGE plpgsql AS $func$
BEGIN
  UPDATE claims_claim SET search_folded = '' WHERE article_id = NEW.id;
  RETURN NULL;
END
$func$""",
    r"DROP TRIGGER IF EXISTS claim_search_columns ON claims_claim",
    r"""CREATE TRIGGER claim_search_columns BEFORE INSERT OR UPDATE ON claims_claim
  FOR EACH ROW EXECUTE FUNCTION claimtrack_claim_search()""",
    r"DROP TRIGGER IF EXISTS article_title_search_columns ON articles_article",
    r"""CREATE TRIGGER article_title_search_columns AFTER UPDATE OF title ON articles_article
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION claimtrack_article_title_search()""",
    r"UPDATE claims_claim SET search_folded = ''",
    r"CREATE INDEX IF NOT EXISTS claim_search_folded_trgm_idx ON claims_claim USING gin (search_folded gin_trgm_ops)",
    r"CREATE INDEX IF NOT EXISTS claim_search_document_idx ON claims_claim USING gin (search_document)",
]
DROP_STORED_SQL = [
    r"DROP TRIGGER IF EXISTS article_title_search_columns ON articles_article",
    r"DROP TRIGGER IF EXISTS claim_search_columns ON claims_claim",
    r"DROP FUNCTION IF EXISTS claimtrack_article_title_search()",
    r"DROP FUNCTION IF EXISTS claimtrack_claim_search()",
    r"ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_document",
    r"ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_folded",
]


def _stored(sql: str, params: list) -> Q:
    # The table's own name: the queue and the API filter Claim querysets, whose base table is never aliased.
    return Q(RawSQL(sql.replace("{claim}.", f'"{CLAIM_TABLE}".'), params, output_field=BooleanField()))


CLAIM_TABLE = "claims_claim"


def _stored_condition(query: str, required: list[str], excluded: list[str]) -> Q:
    condition = Q()
    for term in required:
        condition &= _stored("{claim}.search_folded ~ %s", [term])
    for term in excluded:
        condition &= ~_stored("{claim}.search_folded ~ %s", [term])
    if required:
        condition |= _stored(
            "{claim}.search_document @@ (websearch_to_tsquery('french'::regconfig, %s) || "
            "websearch_to_tsquery('english'::regconfig, %s))",
            [query, query],
        )
    return condition


def search_claims(queryset: QuerySet, query: str) -> QuerySet:
    """Narrow a Claim queryset to the claims matching `query` (blank: unchanged)."""
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    required, excluded = parse(query)
    if not required and not excluded:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        return queryset.filter(_stored_condition(query, required, excluded))
    condition = Q()
    for term in required:
        condition &= _matching(term)
    for term in excluded:
        condition &= ~_matching(term)
    return queryset.filter(condition)
