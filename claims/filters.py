"""The claim filters, shared by the queue page (/claims/) and the API (/api/v1/claims/).

    ClaimFilter(request.GET, queryset=Claim.objects.all(), request=request)

Parameters (all optional, all combinable):

- status: one or more of Claim.Status (``?status=new&status=in_review``)
- type: one or more of Claim.Type, on ``claim_type`` (the main type, not ``types``)
- assignee: a username, ``me`` (the request's user) or ``unassigned``
- verdict: a rating slug
- language: the claim's language code (``fr``, ``en``…)
- outlet: an outlet id, or its name (case-insensitive)
- source: a followed source's id (claims of the articles it brought)
- article: an article id
- created_after / created_before: dates (YYYY-MM-DD), inclusive, on the claim's
  ``created_at`` (when it was extracted into Claimtrack, in TIME_ZONE), not on the
  article's publication date, which is often unknown
- score_min / score_max: check-worthiness between 0 and 1, inclusive
- checkworthy: true / false
- elsewhere: true / false — the claim has a live link (suggested, automatic or confirmed) to a
  claim of another article (claims.services.matching)
- group: ``cluster`` puts matched claims together (claims.services.clusters): clusters come in the
  order of the sort (their best member decides), and the sort applies within each
- q: full-text search over claim text, speaker and article title (claims.search)
- sort: ``score`` (most check-worthy first, the default), ``newest``, ``oldest``

Invalid values are form errors (``filterset.errors``; the API answers 400), never
exceptions. Each filter is served by an index: see migration 0006_queue_indexes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import django_filters as filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from django.db.models import BigIntegerField, Count, Exists, F, Max, Min, OuterRef, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Outlet
from claims.models import Claim, ClaimLink, Rating
from claims.search import MAX_QUERY_LENGTH, search_claims

ME, UNASSIGNED = "me", "unassigned"

SORTS = {
    # Ties broken by id so pages never overlap.
    "score": ("-checkworthiness", "-id"),
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
}
SORT_CHOICES = [("score", _("Most check-worthy")), ("newest", _("Newest")), ("oldest", _("Oldest"))]
DEFAULT_SORT = "score"
GROUP_CHOICES = [("cluster", _("Matched claims together"))]
# With group=cluster, each cluster takes the place of its best member for the sort above.
GROUP_ORDER = {
    "score": (Max, "checkworthiness", True),
    "newest": (Max, "created_at", True),
    "oldest": (Min, "created_at", False),
}


# --- followed sources, without importing the sources app ------------------------------------------
# The `source` filter follows the reverse relation of sources.SourceItem.article. For the queue's
# dropdown the sources app registers, in its AppConfig.ready(), a function giving (id, name) pairs:
# claims never imports sources (sources imports claims), and without the app there is no dropdown.
_source_choices: Callable[[], list[tuple[int, str]]] | None = None


def register_source_choices(provider: Callable[[], list[tuple[int, str]]]) -> None:
    global _source_choices
    _source_choices = provider


def source_choices() -> list[tuple[int, str]]:
    return list(_source_choices()) if _source_choices else []


def live_links_elsewhere():
    """Live links (not rejected) from the outer claim to claims of other articles."""
    return ClaimLink.objects.filter(claim=OuterRef("pk"), other__isnull=False).exclude(
        status=ClaimLink.Status.REJECTED
    )


def with_matches(queryset: QuerySet) -> QuerySet:
    """Each row's number of other articles where the same claim appears (a subquery, no extra query)."""
    articles = (
        live_links_elsewhere()
        .order_by()
        .values("claim")
        .annotate(n=Count("other__article", distinct=True))
        .values("n")
    )
    return queryset.annotate(elsewhere_articles=Coalesce(Subquery(articles), 0))


class IntegerFilter(filters.NumberFilter):
    field_class = forms.IntegerField


class ScoreFilter(filters.NumberFilter):
    field_class = forms.FloatField


class ClaimFilterForm(forms.Form):
    """Turns the names in the URL (a username, an outlet name) into rows, or errors."""

    def clean_assignee(self):
        value = (self.cleaned_data.get("assignee") or "").strip()
        if value in ("", ME, UNASSIGNED):
            return value
        user = get_user_model().objects.filter(username=value).only("pk", "username").first()
        if user is None:
            raise forms.ValidationError(
                _("No user is called “%(name)s”."), params={"name": value}, code="unknown"
            )
        return user

    def clean_outlet(self):
        value = (self.cleaned_data.get("outlet") or "").strip()
        if not value:
            return None
        outlets = Outlet.objects.only("pk", "name")
        outlet = outlets.filter(pk=int(value)).first() if value.isdigit() else None
        # A name made of digits is still looked up by name when no outlet has that id.
        outlet = outlet or outlets.filter(name__iexact=value).first()
        if outlet is None:
            raise forms.ValidationError(
                _("No outlet matches “%(name)s”."), params={"name": value}, code="unknown"
            )
        return outlet

    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("created_after"), cleaned.get("created_before")
        if after and before and after > before:
            self.add_error("created_before", _("The end date is before the start date."))
        low, high = cleaned.get("score_min"), cleaned.get("score_max")
        if low is not None and high is not None and low > high:
            self.add_error("score_max", _("The maximum score is below the minimum."))
        return cleaned


# Dates outside this range would overflow when converted to UTC; no claim lies there anyway.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(9000, 1, 1)


def _start_of(day: dt.date) -> dt.datetime:
    day = min(max(day, EARLIEST), LATEST)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class StrictBooleanField(forms.NullBooleanField):
    """true/false (or 1/0, yes/no); anything else is an error rather than silently ignored."""

    widget = forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))])
    TRUE, FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off"}

    def to_python(self, value):
        if value in (True, False):
            return value
        text = str(value or "").strip().lower()
        if not text:
            return None
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError(_("Use true or false."), code="invalid")

    def validate(self, value):
        pass


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField


class ClaimFilter(filters.FilterSet):
    # distinct=False: no join to a many-valued relation here, and a DISTINCT over every
    # selected column would stop the indexes from serving the sort.
    status = filters.MultipleChoiceFilter(label=_("Status"), choices=Claim.Status.choices, distinct=False)
    type = filters.MultipleChoiceFilter(
        label=_("Type"), field_name="claim_type", choices=Claim.Type.choices, distinct=False
    )
    assignee = filters.CharFilter(label=_("Assignee"), method="filter_assignee", max_length=150)
    verdict = filters.ModelChoiceFilter(
        label=_("Verdict"), field_name="verdict", to_field_name="slug", queryset=Rating.objects.all()
    )
    language = filters.CharFilter(
        label=_("Language"),
        field_name="language",
        max_length=8,
        validators=[RegexValidator(r"^[a-z]{2,3}(-[a-z0-9]{2,4})?$", _("Use a language code such as “fr”."))],
    )
    outlet = filters.CharFilter(label=_("Outlet"), method="filter_outlet", max_length=200)
    article = IntegerFilter(label=_("Article"), field_name="article_id", min_value=1, max_value=2**63 - 1)
    # A followed source (sources.Source id): claims of the articles its items brought.
    source = IntegerFilter(label=_("Source"), method="filter_source", min_value=1, max_value=2**63 - 1)
    created_after = filters.DateFilter(label=_("Found from"), method="filter_created_after")
    created_before = filters.DateFilter(label=_("Found until"), method="filter_created_before")
    score_min = ScoreFilter(
        label=_("Minimum score"), field_name="checkworthiness", lookup_expr="gte", min_value=0, max_value=1
    )
    score_max = ScoreFilter(
        label=_("Maximum score"), field_name="checkworthiness", lookup_expr="lte", min_value=0, max_value=1
    )
    checkworthy = StrictBooleanFilter(label=_("Check-worthy"), field_name="checkworthy")
    elsewhere = StrictBooleanFilter(label=_("Appears elsewhere"), method="filter_elsewhere")
    group = filters.ChoiceFilter(label=_("Group"), choices=GROUP_CHOICES, method="filter_nothing")
    q = filters.CharFilter(label=_("Search"), method="filter_search", max_length=MAX_QUERY_LENGTH)
    # Applied in filter_queryset() so the default applies when the parameter is absent.
    sort = filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, method="filter_nothing", empty_label=None
    )

    class Meta:
        model = Claim
        fields = ()
        form = ClaimFilterForm

    def filter_assignee(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if value == UNASSIGNED:
            return queryset.filter(assignee__isnull=True)
        if value == ME:
            user = getattr(self.request, "user", None)
            if user is None or not user.is_authenticated:
                return queryset.none()
            return queryset.filter(assignee=user)
        return queryset.filter(assignee=value)

    def filter_outlet(self, queryset: QuerySet, name: str, value: Outlet) -> QuerySet:
        return queryset.filter(article__outlet=value)

    def filter_source(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        # Through the reverse relation of sources.SourceItem.article (no import of the sources app).
        return queryset.filter(article__in=Article.objects.filter(source_items__source_id=value).values("pk"))

    def filter_created_after(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        # A range on the column itself (not created_at__date) so claim_created_idx serves it.
        return queryset.filter(created_at__gte=_start_of(value))

    def filter_created_before(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(created_at__lt=_start_of(min(value, LATEST) + dt.timedelta(days=1)))

    def filter_elsewhere(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        # EXISTS over claimlink_claim_status_idx; never a join that would repeat rows.
        return queryset.filter(Exists(live_links_elsewhere()) if value else ~Exists(live_links_elsewhere()))

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_claims(queryset, value)

    def filter_nothing(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset

    @property
    def sort_key(self) -> str:
        value = self.form.cleaned_data.get("sort") if self.form.is_valid() else None
        return value or DEFAULT_SORT

    @property
    def group_key(self) -> str:
        return (self.form.cleaned_data.get("group") if self.form.is_valid() else None) or ""

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        # Grouping reorders, never adds or drops rows: a count can skip the window functions.
        self.ungrouped_qs = queryset
        if self.group_key != "cluster":
            return queryset.order_by(*SORTS[self.sort_key])
        # One query still: window functions over the filtered rows give each claim its cluster's
        # size and the value its cluster is sorted by; a claim without links is its own cluster.
        aggregate, field, descending = GROUP_ORDER[self.sort_key]
        key = Coalesce(F("cluster__root"), F("pk"), output_field=BigIntegerField())
        queryset = queryset.annotate(
            cluster_key=key,
            cluster_size=Window(Count("pk"), partition_by=[key]),
            cluster_rank=Window(aggregate(field), partition_by=[key]),
        )
        rank = F("cluster_rank").desc() if descending else F("cluster_rank").asc()
        return queryset.order_by(rank, "cluster_key", *SORTS[self.sort_key])
