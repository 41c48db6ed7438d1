"""What changed on a claim since a given version: the body of a 409 (a stale edit).

Read from the claim's django-simple-history records newer than the caller's
version. Each change names the field, its old and new value, who made it and
when. Claims extracted before extraction recorded their creation have no
first record to compare with: their first change is compared with the state
every extracted claim starts in (new, unassigned, no verdict, no rationale).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from claims.models import Claim, Rating

# Model field → API field name; only these are listed.
SHOWN_FIELDS = {
    "status": "status", "assignee": "assignee", "verdict": "verdict", "rationale": "rationale",
    "return_reason": "return_reason", "speaker": "speaker", "claim_type": "type",
}
# Every extracted claim starts so (claims.services.extract).
AS_EXTRACTED = {"status": Claim.Status.NEW, "assignee": None, "verdict": None, "rationale": "", "return_reason": ""}


@dataclass
class Change:
    field: str  # the API's name
    old: object  # API values: a username, a rating slug, a status, text
    new: object
    old_shown: str  # as people read them: a rating label, a status label
    new_shown: str
    label: str
    by: str | None
    at: datetime
    version: int

    def __str__(self) -> str:
        return _("%(who)s changed %(field)s: %(old)s → %(new)s") % {
            "who": self.by or _("someone"), "field": self.label, "old": self.old_shown, "new": self.new_shown,
        }

    def as_dict(self) -> dict:
        return {
            "field": self.field, "old": self.old, "new": self.new, "by": self.by, "at": self.at,
            "version": self.version, "summary": str(self),
        }


class _Names:
    """Usernames and ratings for the ids the records mention, each looked up once."""

    def __init__(self):
        self.users: dict[int, str] = {}
        self.ratings: dict[int, Rating] = {}

    def value(self, name: str, raw):
        if raw in (None, ""):
            return None if name in ("assignee", "verdict") else raw
        if name == "assignee":
            if raw not in self.users:
                user = get_user_model().objects.filter(pk=raw).only("username").first()
                self.users[raw] = user.username if user else str(raw)
            return self.users[raw]
        if name == "verdict":
            rating = self._rating(raw)
            return rating.slug if rating else str(raw)
        return raw

    def shown(self, name: str, raw) -> str:
        if raw in (None, ""):
            return "—"
        if name == "verdict":
            rating = self._rating(raw)
            return rating.display_label if rating else str(raw)
        if name == "status":
            return str(Claim.Status(raw).label) if raw in Claim.Status.values else str(raw)
        if name == "claim_type":
            return str(Claim.Type(raw).label) if raw in Claim.Type.values else str(raw)
        text = str(self.value(name, raw))
        return text if len(text) <= 80 else text[:79] + "…"

    def _rating(self, pk):
        if pk not in self.ratings:
            self.ratings[pk] = Rating.objects.filter(pk=pk).first()
        return self.ratings[pk]


def _differences(record, previous) -> list[tuple[str, object, object]]:
    if previous is not None:
        return [(c.field, c.old, c.new) for c in record.diff_against(previous).changes if c.field in SHOWN_FIELDS]
    if record.history_type != "~":
        return []
    current = {"assignee": record.assignee_id, "verdict": record.verdict_id}
    return [
        (name, old, current.get(name, getattr(record, name, None)))
        for name, old in AS_EXTRACTED.items()
        if current.get(name, getattr(record, name, None)) != old
    ]


def changes_since(claim: Claim, version: int) -> list[Change]:
    """Every change to a shown field recorded after `version`, oldest first."""
    records = list(
        claim.history.filter(version__gt=version).order_by("history_date", "history_id").select_related("history_user")
    )
    names = _Names()
    changes: list[Change] = []
    for record in records:
        who = record.history_user.username if record.history_user else None
        for name, old, new in _differences(record, record.prev_record):
            changes.append(Change(
                field=SHOWN_FIELDS[name], old=names.value(name, old), new=names.value(name, new),
                old_shown=names.shown(name, old), new_shown=names.shown(name, new),
                label=str(Claim._meta.get_field(name).verbose_name), by=who, at=record.history_date,
                version=record.version,
            ))
    return changes
