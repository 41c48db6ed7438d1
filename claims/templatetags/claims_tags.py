from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def plain_number(value) -> str:
    """25000.000000 → "25 000" (localised grouping, no trailing zeros, no exponent)."""
    if value is None:
        return ""
    number = Decimal(value).normalize()
    places = max(0, -number.as_tuple().exponent)
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def claim_type_label(value: str) -> str:
    """ "quantity" → "Quantity" (or « Quantité »): the translated label of a claim type slug."""
    from claims.models import Claim

    try:
        return str(Claim.Type(value).label)
    except ValueError:
        return value


@register.filter
def http_url(value) -> str:
    """The URL if it is http(s), else "" — for every href built from stored data.

    Services only store http(s) URLs, but a row written behind their back (the
    admin, a script, an import) must not turn ``javascript:`` or ``data:`` into
    a live link: autoescaping protects the attribute, not the scheme.
    """
    url = str(value or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


@register.simple_tag
def filters_query(request, *drop: str) -> str:
    """The current query string without paging and format keys (for export links)."""
    params = request.GET.copy()
    for key in ("page", "per_page", "format", *drop):
        params.pop(key, None)
    return params.urlencode()


@register.filter
def may_export(user) -> bool:
    """Exports and reports need a review role (claims.exports.limits)."""
    from claims.exports import limits

    return limits.may_export(user)


@register.filter
def is_editor(user) -> bool:
    from claims import roles

    return roles.is_editor(user)


@register.simple_tag
def claim_matches(claim) -> dict:
    """The review panel's matches: the same claim in other articles, and "checked before"
    (fact-checks, and other articles' claims with a published verdict). One query."""
    from claims.models import ClaimLink

    links = list(
        ClaimLink.objects.filter(claim=claim)
        .exclude(status=ClaimLink.Status.REJECTED)
        .select_related("other__article", "other__verdict", "fact_check")[:30]
    )
    checked = [
        link
        for link in links
        if link.fact_check_id or (link.other and link.other.status == "published" and link.other.verdict_id)
    ]
    elsewhere = [link for link in links if link.other_id]
    # A published verdict can be proposed in one step for the confirmed matches still under review.
    applicable = (
        [
            link
            for link in elsewhere
            if link.status == "confirmed" and link.other.status in ("new", "in_review")
        ]
        if claim.status == "published" and claim.verdict_id
        else []
    )
    return {
        "elsewhere": elsewhere,
        "articles": len({link.other.article_id for link in elsewhere}),
        "checked": checked,
        "applicable": applicable,
    }
