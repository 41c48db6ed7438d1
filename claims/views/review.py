"""The review panel: one claim's details, its workflow actions and its timeline.

GET /claims/<pk>/panel/ renders `claims/_review_panel.html`; every POST below
calls one service and renders the same partial again (htmx swaps it in place).
Without htmx (no JS) the panel is a page of its own and a successful POST
redirects back to the claim on the article page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from claims import roles
from claims.forms import (
    AssignForm,
    CommentForm,
    EvidenceForm,
    ProposeForm,
    ReturnForm,
    VersionForm,
)
from claims.models import Claim, Correction, Evidence
from claims.selectors import claim_history
from claims.services import (
    StaleClaimError,
    WorkflowError,
    claim_approve,
    claim_assign,
    claim_comment,
    claim_dismiss,
    claim_propose,
    claim_reopen,
    claim_return,
    evidence_add,
)

Status = Claim.Status
OPEN = (Status.NEW, Status.IN_REVIEW, Status.VERDICT_PROPOSED)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _claim(pk: int) -> Claim:
    # Every logged-in user may read every claim; what they may change is the services' business.
    return get_object_or_404(
        Claim.objects.select_related("assignee", "verdict", "proposed_by", "reviewed_by").prefetch_related(
            "quantities"
        ),
        pk=pk,
    )


# --- timeline ------------------------------------------------------------------------------------


@dataclass
class Event:
    when: datetime
    who: str
    what: str
    kind: str  # "change", "evidence" or "comment": a CSS hook
    details: list[str] = field(default_factory=list)


def _headline(reason: str | None, record) -> str:
    headlines = {
        "assign": _("assigned the claim") if record.assignee_id else _("unassigned the claim"),
        "propose": _("proposed a verdict"),
        "approve": _("approved and published the verdict"),
        "return": _("returned the verdict"),
        "dismiss": _("dismissed the claim"),
        "reopen": _("reopened the claim"),
        "edit": _("edited the claim"),
        "split": _("split the claim"),
        "merge": _("merged two claims"),
        "not a claim": _("dismissed it: not a claim"),
    }
    if reason and reason.startswith("correct:"):
        return _("corrected the claim")
    return headlines.get(reason or "", _("changed the claim"))


def _claim_events(claim: Claim) -> list[Event]:
    """One event per history record that changed a field we show (claims.selectors.claim_history,
    the differ the 409 and the API's history use too)."""
    events: list[Event] = []
    for entry in claim_history(claim):
        record, who = entry.record, entry.by or ""
        reason = record.history_change_reason or ""
        details = [change.detail for change in entry.changes]
        if reason.startswith("correct:"):
            names = dict(Correction.Field.choices)
            corrected = [str(names.get(f.strip(), f.strip())) for f in reason.split(":", 1)[1].split(",")]
            details.append(_("Corrected: %(fields)s") % {"fields": ", ".join(corrected)})
        if entry.first:
            # Claims older than their history start with a change, not with their creation.
            if record.history_type == "+" and reason in ("add", "split"):
                what = _("added the claim")
            elif record.history_type == "+":
                what = _("found the claim in the article")
            else:
                what = _headline(reason, record)
            events.append(Event(record.history_date, who, what, "change", details))
        elif details or reason in ("split", "merge"):
            events.append(Event(record.history_date, who, _headline(reason, record), "change", details))
    return events


def _evidence_events(claim: Claim) -> list[Event]:
    verbs = {"+": _("added evidence"), "~": _("edited evidence"), "-": _("removed evidence")}
    records = Evidence.history.filter(claim_id=claim.pk).select_related("history_user")
    return [
        Event(
            r.history_date,
            r.history_user.username if r.history_user else "",
            verbs[r.history_type],
            "evidence",
            [
                f"{r.title} ({Evidence.Stance(r.stance).label})"
                if r.stance in Evidence.Stance.values
                else r.title
            ],
        )
        for r in records
    ]


def claim_timeline(claim: Claim, comments: list) -> list[Event]:
    """The claim's history, evidence added and comments, newest first."""
    events = _claim_events(claim) + _evidence_events(claim)
    for comment in comments:
        excerpt = comment.body if len(comment.body) <= 140 else comment.body[:139] + "…"
        author = comment.author.username if comment.author else ""
        events.append(Event(comment.created_at, author, _("commented"), "comment", [excerpt]))
    return sorted(events, key=lambda e: e.when, reverse=True)


# --- the panel -----------------------------------------------------------------------------------


def _abilities(user, claim: Claim) -> dict[str, bool]:
    """Which controls to show. Only for display: the services enforce the same rules."""
    reviewer, editor = roles.can_review(user), roles.is_editor(user)
    status = claim.status
    return {
        "review": reviewer,
        "assign_me": reviewer and status in OPEN and claim.assignee_id != user.pk,
        "assign_anyone": editor and status in OPEN,
        "unassign": reviewer
        and status in OPEN
        and claim.assignee_id is not None
        and (claim.assignee_id == user.pk or editor),
        "propose": reviewer and status in (Status.NEW, Status.IN_REVIEW),
        "decide": editor and status == Status.VERDICT_PROPOSED and claim.proposed_by_id != user.pk,
        "make_public": editor and status == Status.PUBLISHED,
        "own_proposal": status == Status.VERDICT_PROPOSED and claim.proposed_by_id == user.pk,
        "dismiss": reviewer and status in (Status.NEW, Status.IN_REVIEW),
        "reopen": reviewer and status == Status.DISMISSED,
    }


def _panel(
    request: HttpRequest,
    claim: Claim,
    *,
    status: int = 200,
    notice: str = "",
    error: str = "",
    conflict: StaleClaimError | None = None,
    forms_: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    can = _abilities(request.user, claim)
    initial = {"version": claim.version}
    panel_forms = {
        "assign": AssignForm(initial={**initial, "assignee": claim.assignee_id})
        if can["assign_anyone"]
        else None,
        "propose": ProposeForm(initial={**initial, "rating": claim.verdict_id, "rationale": claim.rationale}),
        "return": ReturnForm(initial=initial),
        "evidence": EvidenceForm(),
        "comment": CommentForm(),
    }
    panel_forms.update(forms_ or {})
    comments = list(claim.comments.select_related("author"))
    context = {
        "claim": claim,
        "can": can,
        "forms": panel_forms,
        "evidence": list(claim.evidence.select_related("added_by")),
        "comments": comments,
        "timeline": claim_timeline(claim, comments),
        "notice": notice,
        "error": error,
        "conflict": conflict,
        "returned_to_me": claim.status == Status.IN_REVIEW
        and bool(claim.return_reason)
        and claim.proposed_by_id == request.user.pk,
        "is_htmx": _is_htmx(request),
    }
    template = "claims/_review_panel.html" if _is_htmx(request) else "claims/review/panel_page.html"
    response = render(request, template, context, status=status)
    # review.js updates the claim's highlight and card (or queue row) from this event.
    response["HX-Trigger"] = json.dumps(
        {
            "claimUpdated": {
                "id": claim.pk,
                "status": claim.status,
                "statusLabel": str(claim.get_status_display()),
                "assignee": claim.assignee.username if claim.assignee else "",
                "verdict": claim.verdict.display_label if claim.verdict else "",
                "verdictColour": claim.verdict.colour if claim.verdict else "",
                "version": claim.version,
            }
        }
    )  # ensure_ascii (the default) keeps the header latin-1 safe whatever the language
    return response


def _act(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form],
    action: Callable[[Claim, dict], object],
    done: str,
) -> HttpResponse:
    """Validate the form, run one service, and answer with the panel (or a redirect without htmx)."""
    claim = _claim(pk)
    if not roles.can_review(request.user):
        return _panel(
            request,
            claim,
            status=403,
            error=_("Your account has no reviewer role: you can read claims, not change them."),
        )
    form = form_class(request.POST)
    key = form.prefix or "version"
    if not form.is_valid():
        return _panel(
            request, claim, status=400, error=_("Please correct the form below."), forms_={key: form}
        )
    try:
        action(claim, form.cleaned_data)
    except StaleClaimError as exc:
        # Keep what the user typed, with the current version, so redoing the action is one click.
        kept = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        retry = form_class(initial={**kept, "version": exc.claim.version}) if kept else None
        return _panel(request, _claim(pk), status=409, conflict=exc, forms_={key: retry} if retry else None)
    except WorkflowError as exc:
        return _panel(request, _claim(pk), status=400, error=exc.message, forms_={key: form})
    except PermissionDenied as exc:
        return _panel(request, _claim(pk), status=403, error=str(exc) or _("You may not do that."))
    if not _is_htmx(request):
        messages.success(request, done)
        return redirect(reverse("article_detail", args=[claim.article_id]) + f"#claim-{claim.pk}")
    return _panel(request, _claim(pk), notice=done)


# --- views ---------------------------------------------------------------------------------------


@login_required
@require_GET
def review_panel(request: HttpRequest, pk: int) -> HttpResponse:
    return _panel(request, _claim(pk))


@login_required
@require_POST
def review_assign(request: HttpRequest, pk: int) -> HttpResponse:
    def assign(claim: Claim, data: dict) -> None:
        claim_assign(claim=claim, to=data["assignee"], by=request.user, version=data["version"])

    return _act(request, pk, AssignForm, assign, _("Assignment saved."))


@login_required
@require_POST
def review_propose(request: HttpRequest, pk: int) -> HttpResponse:
    def propose(claim: Claim, data: dict) -> None:
        claim_propose(
            claim=claim,
            rating=data["rating"],
            rationale=data["rationale"],
            by=request.user,
            version=data["version"],
        )

    return _act(request, pk, ProposeForm, propose, _("Verdict proposed: an editor will review it."))


@login_required
@require_POST
def review_approve(request: HttpRequest, pk: int) -> HttpResponse:
    def approve(claim: Claim, data: dict) -> None:
        claim_approve(claim=claim, by=request.user, version=data["version"])

    return _act(request, pk, VersionForm, approve, _("Verdict approved and published."))


@login_required
@require_POST
def review_return(request: HttpRequest, pk: int) -> HttpResponse:
    def send_back(claim: Claim, data: dict) -> None:
        claim_return(claim=claim, reason=data["reason"], by=request.user, version=data["version"])

    return _act(request, pk, ReturnForm, send_back, _("Verdict returned to its proposer."))


@login_required
@require_POST
def review_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    def dismiss(claim: Claim, data: dict) -> None:
        claim_dismiss(claim=claim, by=request.user, version=data["version"])

    return _act(request, pk, VersionForm, dismiss, _("Claim dismissed."))


@login_required
@require_POST
def review_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    def reopen(claim: Claim, data: dict) -> None:
        claim_reopen(claim=claim, by=request.user, version=data["version"])

    return _act(request, pk, VersionForm, reopen, _("Claim reopened."))


@login_required
@require_POST
def review_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    def add(claim: Claim, data: dict) -> None:
        evidence_add(claim=claim, by=request.user, **data)

    return _act(request, pk, EvidenceForm, add, _("Evidence added."))


@login_required
@require_POST
def review_comment(request: HttpRequest, pk: int) -> HttpResponse:
    def comment(claim: Claim, data: dict) -> None:
        claim_comment(claim=claim, by=request.user, body=data["body"])

    return _act(request, pk, CommentForm, comment, _("Comment posted."))


urlpatterns = [
    path("<int:pk>/panel/", review_panel, name="review_panel"),
    path("<int:pk>/assign/", review_assign, name="review_assign"),
    path("<int:pk>/propose/", review_propose, name="review_propose"),
    path("<int:pk>/approve/", review_approve, name="review_approve"),
    path("<int:pk>/return/", review_return, name="review_return"),
    path("<int:pk>/dismiss/", review_dismiss, name="review_dismiss"),
    path("<int:pk>/reopen/", review_reopen, name="review_reopen"),
    path("<int:pk>/evidence/", review_evidence, name="review_evidence"),
    path("<int:pk>/comment/", review_comment, name="review_comment"),
]
