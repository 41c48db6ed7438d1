"""The public page of a published claim: an editor's opt-in, per claim."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from claims import roles
from claims.models import Claim
from claims.services.review import WorkflowError


@transaction.atomic
def claim_set_public(*, claim: Claim | int, public: bool, by) -> Claim:
    """Give a published claim a public page (or take it away). Editors only.

    The claim's `version` is not bumped: the public page is not part of the
    verdict, and a colleague's open review panel should not go stale over it.
    """
    if not roles.is_editor(by):
        raise PermissionDenied(_("Only editors can publish a claim's public page."))
    pk = claim.pk if isinstance(claim, Claim) else claim
    claim = Claim.objects.select_for_update().get(pk=pk)
    if public and claim.status != Claim.Status.PUBLISHED:
        raise WorkflowError(_("Only a published verdict can have a public page."))
    if claim.is_public != public:
        claim.is_public = public
        claim._history_user = by
        claim._change_reason = "public page on" if public else "public page off"
        claim.save(update_fields=["is_public", "updated_at"])
    return claim
