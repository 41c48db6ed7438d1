"""A claim's history: `claim_history()`, the one differ of a claim's django-simple-history records,
used by the review timeline, the 409 of a stale edit and the API's `history`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from claims.models import Claim, Rating

# --- history ---------------------------------------------------------------------------------------

# Model field → the API's name; the fields a history shows, in this order.
HISTORY_FIELDS = {
    "assignee_id": "assignee",
    "status": "status",
    "verdict_id": "verdict",
    "rationale": "rationale",
    "return_reason": "return_reason",
    "speaker": "speaker",
    "claim_type": "type",
    "checkworthy": "checkworthy",
}
# Every extracted claim starts so (claims.services.extract): a claim older than its history's
# first record is compared with this.
AS_EXTRACTED = {
    "status": Claim.Status.NEW,
    "assignee_id": None,
    "verdict_id": None,
    "rationale": "",
    "return_reason": "",
}
SHOWN_LENGTH = 140  # longer text values are cut here, with an ellipsis, wherever a change is shown


def _labels() -> dict[str, str]:
    return {
        "status": _("Status"),
        "assignee_id": _("Assignee"),
        "verdict_id": _("Verdict"),
        "rationale": _("Rationale"),
        "return_reason": _("Reason for return"),
        "speaker": _("Speaker"),
        "claim_type": _("Type"),
        "checkworthy": _("Check-worthy"),
    }


@dataclass
class Change:
    field: str  # the API's name
    old: object  # API values: a username, a rating slug, a status, text
    new: object
    old_shown: str  # as people read them: a rating label, a status label, cut text
    new_shown: str
    label: str
    by: str | None
    at: datetime
    version: int

    def __str__(self) -> str:
        return _("%(who)s changed %(field)s: %(old)s → %(new)s") % {
            "who": self.by or _("someone"),
            "field": self.label[:1].lower() + self.label[1:],
            "old": self.old_shown,
            "new": self.new_shown,
        }

    @property
    def detail(self) -> str:
        return _("%(field)s: %(old)s → %(new)s") % {
            "field": self.label,
            "old": self.old_shown,
            "new": self.new_shown,
        }

    def as_dict(self) -> dict:
        return {
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "by": self.by,
            "at": self.at,
            "version": self.version,
            "summary": str(self),
        }


@dataclass
class HistoryEntry:
    """One history record of a claim and what it changed compared with the record before."""

    record: object  # the HistoricalClaim row
    first: bool
    changes: list[Change] = field(default_factory=list)

    @property
    def by(self) -> str | None:
        return self.record.history_user.username if self.record.history_user else None


class _Names:
    """Usernames and ratings for every id the records mention: two queries at most."""

    def __init__(self, records: list):
        users = {r.assignee_id for r in records if r.assignee_id}
        self.users = get_user_model().objects.in_bulk(users) if users else {}
        self.ratings = Rating.objects.in_bulk() if any(r.verdict_id for r in records) else {}

    def value(self, name: str, raw):
        if raw in (None, ""):
            return None if name in ("assignee_id", "verdict_id") else raw
        if name == "assignee_id":
            return self.users[raw].username if raw in self.users else str(raw)
        if name == "verdict_id":
            return self.ratings[raw].slug if raw in self.ratings else str(raw)
        return raw

    def shown(self, name: str, raw) -> str:
        if raw in (None, ""):
            return "—"
        if name == "verdict_id":
            return self.ratings[raw].display_label if raw in self.ratings else str(raw)
        if name == "status":
            return str(Claim.Status(raw).label) if raw in Claim.Status.values else str(raw)
        if name == "claim_type":
            return str(Claim.Type(raw).label) if raw in Claim.Type.values else str(raw)
        if isinstance(raw, bool):
            return _("yes") if raw else _("no")
        text = str(self.value(name, raw))
        return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


def claim_history(claim: Claim, *, since_version: int | None = None) -> list[HistoryEntry]:
    """The claim's history records, oldest first, each with the changes it made to the shown
    fields; only the records after `since_version` when given. Three queries whatever the
    length of the history (records, users, ratings)."""
    records = list(claim.history.select_related("history_user").order_by("history_date", "history_id"))
    names = _Names(records)
    labels = _labels()
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:
        if previous is not None:
            before = {name: getattr(previous, name) for name in HISTORY_FIELDS}
        elif record.history_type == "~":
            before = AS_EXTRACTED  # the claim is older than its history
        else:
            before = {}
        entry = HistoryEntry(record=record, first=previous is None)
        who = entry.by
        for name in HISTORY_FIELDS:
            if name not in before:
                continue
            old, new = before[name], getattr(record, name)
            if old == new:
                continue
            entry.changes.append(
                Change(
                    field=HISTORY_FIELDS[name],
                    old=names.value(name, old),
                    new=names.value(name, new),
                    old_shown=names.shown(name, old),
                    new_shown=names.shown(name, new),
                    label=str(labels[name]),
                    by=who,
                    at=record.history_date,
                    version=record.version,
                )
            )
        entries.append(entry)
        previous = record
    if since_version is not None:
        entries = [e for e in entries if e.record.version > since_version]
    return entries


def changes_since(claim: Claim, version: int) -> list[Change]:
    """Every change to a shown field recorded after `version`, oldest first (the body of a 409)."""
    return [change for entry in claim_history(claim, since_version=version) for change in entry.changes]


def history_as_api(claim: Claim) -> list[dict]:
    """The API's `history`: one item per record, with the same changes the timeline shows."""
    return [
        {
            "version": e.record.version,
            "status": e.record.status,
            "assignee_id": e.record.assignee_id,
            "verdict_id": e.record.verdict_id,
            "by": e.by,
            "action": e.record.history_change_reason
            or ("created" if e.record.history_type == "+" else "changed"),
            "at": e.record.history_date,
            "changes": [c.as_dict() for c in e.changes],
        }
        for e in claim_history(claim)
    ]
