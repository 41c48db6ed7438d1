"""The review workflow: assignment, verdicts, approval, evidence, comments.

    new ──assign──▶ in_review ──propose──▶ verdict_proposed ──approve──▶ published
     │                 ▲                        │
     │                 └────────return──────────┘
     └──dismiss──▶ dismissed ──reopen──▶ new / in_review

Every change to a claim goes through `_locked()` and `_save()`: the row is
locked, the caller's `version` is compared with the stored one (a stale edit
raises StaleClaimError listing what changed since), the version is bumped and
the change is recorded in the claim's history with who made it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import language_of
from articles.ingestion.titles import title_from_url
from claims import roles
from claims.models import Claim, Comment, Evidence, Notification, Rating
from claims.selectors import Change, changes_since

Status = Claim.Status
logger = logging.getLogger(__name__)


class WorkflowError(Exception):
    """An illegal move (wrong status, missing rationale…): a 400 with this message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleClaimError(Exception):
    """The claim changed since the caller read it: a 409 listing the changes."""

    def __init__(self, claim: Claim, expected_version: int, changes: list[Change]):
        self.claim = claim
        self.expected_version = expected_version
        self.changes = changes
        self.message = _(
            "Someone else changed this claim since you opened it (version %(expected)s, now %(current)s). "
            "Your change was not saved; look at theirs and try again."
        ) % {"expected": expected_version, "current": claim.version}
        super().__init__(self.message)


# --- helpers -------------------------------------------------------------------------------------


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _locked(claim: Claim | int, version: int | None) -> Claim:
    """Lock the claim row and check the caller's version (None skips the check: bulk actions)."""
    pk = claim.pk if isinstance(claim, Claim) else claim
    current = Claim.objects.select_for_update().get(pk=pk)
    if version is not None and current.version != version:
        raise StaleClaimError(current, version, changes_since(current, version))
    return current


def _save(claim: Claim, *, by, fields: list[str], reason: str = "") -> Claim:
    claim.version += 1
    claim._history_user = by
    claim._change_reason = reason[:100] if reason else None
    claim.save(update_fields=[*fields, "version", "updated_at"])
    return claim


def mail_subject(message: str) -> str:
    """A one-line subject: every run of whitespace (line breaks from a comment or a
    return reason included) becomes one space, since a header with a newline is refused."""
    return "[Claimtrack] " + " ".join(message.split())[:120]


def send_notification_mail(*, address: str, subject: str, body: str) -> None:
    """Send one notification e-mail; a failure is logged (never hidden) and never undoes the action."""
    try:
        send_mail(
            subject=subject, message=body, from_email=None, recipient_list=[address], fail_silently=False
        )
    except Exception:  # noqa: BLE001 - SMTP, DNS, a bad header: the notification itself is stored
        logger.exception("Could not send the notification e-mail %r to %s", subject, address)


def _notify(*, recipient, claim: Claim, kind: str, actor, params: dict) -> None:
    """Store the event (rendered in each reader's language when shown) and e-mail it in the recipient's."""
    if recipient is None or recipient == actor:
        return
    with translation.override("en"):
        english = Notification.render(kind, params)
    Notification.objects.create(
        recipient=recipient, claim=claim, kind=kind, actor=actor, params=params, message=english
    )
    if recipient.email:
        address = recipient.email
        link = f"{settings.SITE_URL}/articles/{claim.article_id}/#claim-{claim.pk}"
        with translation.override(language_of(recipient)):
            message = Notification.render(kind, params)
        subject, body = mail_subject(message), f"{message}\n\n{claim.text}\n\n{link}\n"
        transaction.on_commit(lambda: send_notification_mail(address=address, subject=subject, body=body))


def _lock_existing(claim: Claim) -> None:
    """Lock the claim's row before attaching work to it.

    Re-extraction locks an article's claims before it decides which are the
    desk's, so either this evidence or comment lands first (and the claim is
    then kept), or the claim was replaced first and the user is told so here,
    not by a foreign-key error at commit.
    """
    if not Claim.objects.select_for_update().filter(pk=claim.pk).exists():
        raise WorkflowError(
            _(
                "This claim no longer exists: the article was extracted again. Reload the article; nothing was saved."
            )
        )


def _check_status(claim: Claim, allowed: Iterable[str], action: str) -> None:
    if claim.status not in allowed:
        raise WorkflowError(
            _("A claim that is “%(status)s” cannot be %(action)s.")
            % {"status": claim.get_status_display(), "action": action}
        )


# --- transitions ---------------------------------------------------------------------------------


@transaction.atomic
def claim_assign(*, claim: Claim | int, to, by, version: int | None) -> Claim:
    """Give the claim to `to` (None unassigns). Reporters may only take claims themselves."""
    _require(roles.can_review(by), _("Only reporters and editors can assign claims."))
    if to is not None and to != by:
        _require(roles.is_editor(by), _("Only editors can assign claims to someone else."))
    if to is not None:
        _require(roles.can_review(to), _("%(user)s has no reviewer role.") % {"user": to.username})
    claim = _locked(claim, version)
    _check_status(claim, (Status.NEW, Status.IN_REVIEW, Status.VERDICT_PROPOSED), _("assigned"))
    if to is None and claim.assignee not in (None, by):
        _require(roles.is_editor(by), _("Only editors can take a claim away from a colleague."))
    claim.assignee = to
    fields = ["assignee"]
    if to is not None and claim.status == Status.NEW:
        claim.status = Status.IN_REVIEW
        fields.append("status")
    _save(claim, by=by, fields=fields, reason="assign")
    if to is not None:
        _notify(
            recipient=to,
            claim=claim,
            kind=Notification.Kind.ASSIGNED,
            actor=by,
            params={"by": by.username},
        )
    return claim


@transaction.atomic
def claim_propose(
    *, claim: Claim | int, rating: Rating | None, rationale: str, by, version: int | None
) -> Claim:
    _require(roles.can_review(by), _("Only reporters and editors can propose verdicts."))
    claim = _locked(claim, version)
    _check_status(claim, (Status.NEW, Status.IN_REVIEW), _("given a proposed verdict"))
    rationale = (rationale or "").strip()
    if rating is None:
        raise WorkflowError(_("Choose a rating for the verdict."))
    if not rationale:
        raise WorkflowError(_("Explain the verdict: the rationale is required."))
    claim.verdict = rating
    claim.rationale = rationale
    claim.status = Status.VERDICT_PROPOSED
    claim.proposed_by = by
    claim.proposed_at = timezone.now()
    claim.return_reason = ""
    fields = ["verdict", "rationale", "status", "proposed_by", "proposed_at", "return_reason"]
    if claim.assignee_id is None:
        claim.assignee = by
        fields.append("assignee")
    return _save(claim, by=by, fields=fields, reason="propose")


def _check_second_pair_of_eyes(claim: Claim, by) -> None:
    _require(roles.is_editor(by), _("Only editors can approve or return verdicts."))
    _check_status(claim, (Status.VERDICT_PROPOSED,), _("approved or returned"))
    if claim.proposed_by_id == by.pk:
        raise WorkflowError(_("Another editor must review this verdict: you proposed it."))


@transaction.atomic
def claim_approve(*, claim: Claim | int, by, version: int | None) -> Claim:
    claim = _locked(claim, version)
    _check_second_pair_of_eyes(claim, by)
    claim.status = Status.PUBLISHED
    claim.reviewed_by = by
    claim.published_at = timezone.now()
    _save(claim, by=by, fields=["status", "reviewed_by", "published_at"], reason="approve")
    _notify(
        recipient=claim.proposed_by,
        claim=claim,
        kind=Notification.Kind.PUBLISHED,
        actor=by,
        params={"by": by.username},
    )
    return claim


@transaction.atomic
def claim_return(*, claim: Claim | int, reason: str, by, version: int | None) -> Claim:
    claim = _locked(claim, version)
    _check_second_pair_of_eyes(claim, by)
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Say why the verdict is returned."))
    claim.status = Status.IN_REVIEW
    claim.return_reason = reason
    claim.reviewed_by = by
    _save(claim, by=by, fields=["status", "return_reason", "reviewed_by"], reason="return")
    _notify(
        recipient=claim.proposed_by,
        claim=claim,
        kind=Notification.Kind.RETURNED,
        actor=by,
        params={"by": by.username, "reason": reason},
    )
    return claim


@transaction.atomic
def claim_dismiss(*, claim: Claim | int, by, version: int | None) -> Claim:
    _require(roles.can_review(by), _("Only reporters and editors can dismiss claims."))
    claim = _locked(claim, version)
    _check_status(claim, (Status.NEW, Status.IN_REVIEW), _("dismissed"))
    claim.status = Status.DISMISSED
    claim.dismiss_reason = Claim.DismissReason.NOT_CHECKWORTHY
    return _save(claim, by=by, fields=["status", "dismiss_reason"], reason="dismiss")


@transaction.atomic
def claim_reopen(*, claim: Claim | int, by, version: int | None) -> Claim:
    _require(roles.can_review(by), _("Only reporters and editors can reopen claims."))
    claim = _locked(claim, version)
    _check_status(claim, (Status.DISMISSED,), _("reopened"))
    claim.status = Status.IN_REVIEW if claim.assignee_id else Status.NEW
    claim.dismiss_reason = ""
    return _save(claim, by=by, fields=["status", "dismiss_reason"], reason="reopen")


EDITABLE_FIELDS = {"rationale", "speaker", "claim_type"}


@transaction.atomic
def claim_update(*, claim: Claim | int, by, version: int | None, **changes) -> Claim:
    """Edit the free fields (rationale, speaker, type); the workflow fields have their own verbs.

    The rationale is frozen while a verdict is proposed (see above).
    """
    _require(roles.can_review(by), _("Only reporters and editors can edit claims."))
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise WorkflowError(
            _("These fields cannot be edited here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    claim = _locked(claim, version)
    if claim.status == Status.PUBLISHED:
        _require(roles.is_editor(by), _("Only editors can edit a published claim."))
    if "rationale" in changes and claim.status == Status.VERDICT_PROPOSED:
        # The second-reviewer rule: the words an editor approves are the proposer's.
        # Nobody (editor, colleague or proposer) rewrites them while they wait for review;
        # an editor returns the verdict, and its proposer rewords and proposes again.
        raise WorkflowError(
            _("The rationale of a proposed verdict is frozen until an editor approves or returns it.")
        )
    if "claim_type" in changes and changes["claim_type"] not in Claim.Type.values:
        raise WorkflowError(_("Unknown claim type."))
    for name, value in changes.items():
        setattr(claim, name, (value or "").strip() if name != "claim_type" else value)
    return _save(claim, by=by, fields=sorted(changes), reason="edit")


# --- evidence and comments -----------------------------------------------------------------------

_validate_url = URLValidator(schemes=["http", "https"])


@transaction.atomic
def evidence_add(
    *,
    claim: Claim,
    by,
    url: str,
    title: str = "",
    source_name: str = "",
    excerpt: str = "",
    stance: str = Evidence.Stance.CONTEXT,
    note: str = "",
) -> Evidence:
    """Attach a source to the claim. The URL is validated, never fetched; without a
    title, one is made from the URL ("insee.fr — Taux de chomage au 3e trimestre")."""
    _require(roles.can_review(by), _("Only reporters and editors can add evidence."))
    _lock_existing(claim)
    url = (url or "").strip()
    try:
        _validate_url(url)
    except ValidationError:
        raise WorkflowError(_("Evidence needs a valid http(s) URL.")) from None
    title = " ".join((title or "").split()) or title_from_url(url)
    if stance not in Evidence.Stance.values:
        raise WorkflowError(_("Unknown stance."))
    evidence = Evidence(
        claim=claim,
        url=url,
        title=title.strip()[:300],
        source_name=(source_name or "").strip()[:200],
        excerpt=(excerpt or "").strip(),
        stance=stance,
        note=(note or "").strip(),
        added_by=by,
    )
    evidence._history_user = by
    evidence.save()
    return evidence


MENTION = re.compile(r"(?<![\w@])@([\w.@+-]{1,150})")


@transaction.atomic
def claim_comment(*, claim: Claim, by, body: str) -> Comment:
    """Comment on a claim; every @username mentioned is notified."""
    _require(roles.can_review(by), _("Only reporters and editors can comment."))
    _lock_existing(claim)
    body = (body or "").strip()
    if not body:
        raise WorkflowError(_("The comment is empty."))
    comment = Comment.objects.create(claim=claim, author=by, body=body[:10_000])
    names = {name.rstrip(".") for name in MENTION.findall(body)}
    mentioned = list(get_user_model().objects.filter(username__in=names, is_active=True))
    comment.mentions.set(mentioned)
    for user in mentioned:
        _notify(
            recipient=user,
            claim=claim,
            kind=Notification.Kind.MENTIONED,
            actor=by,
            params={"by": by.username, "body": body[:200]},
        )
    return comment


# --- bulk actions from the queue -------------------------------------------------------------------


@dataclass
class BulkResult:
    done: list[int] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)


BULK_ACTIONS = ("assign", "dismiss", "reopen", "in_review")


def claims_bulk(*, claim_ids: Iterable[int], action: str, by, assignee=None) -> BulkResult:
    """Apply one action to many claims; each claim succeeds or is refused on its own."""
    if action not in BULK_ACTIONS:
        raise WorkflowError(_("Unknown bulk action."))
    result = BulkResult()
    for claim_id in claim_ids:
        try:
            if action == "assign":
                claim_assign(claim=claim_id, to=assignee, by=by, version=None)
            elif action == "dismiss":
                claim_dismiss(claim=claim_id, by=by, version=None)
            elif action == "reopen":
                claim_reopen(claim=claim_id, by=by, version=None)
            elif action == "in_review":
                claim_assign(claim=claim_id, to=by, by=by, version=None)
            result.done.append(claim_id)
        except (WorkflowError, PermissionDenied) as exc:
            result.refused.append((claim_id, getattr(exc, "message", None) or str(exc)))
        except Claim.DoesNotExist:
            result.refused.append((claim_id, _("No such claim.")))
    return result
