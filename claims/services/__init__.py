"""Claim-side workflows. Views, the API, tasks and commands call these and nothing deeper."""

from claims.services.corrections import claim_add, claim_correct, claim_not_a_claim
from claims.services.corrections_checks import QuantityData
from claims.services.corrections_split_merge import claim_merge, claim_split
from claims.services.extract import article_claim_for_extraction, article_extract, article_fail
from claims.services.review import (
    StaleClaimError,
    WorkflowError,
    claim_approve,
    claim_assign,
    claim_comment,
    claim_dismiss,
    claim_propose,
    claim_reopen,
    claim_return,
    claim_update,
    claims_bulk,
    evidence_add,
)

__all__ = [
    "QuantityData",
    "claim_add",
    "claim_correct",
    "claim_merge",
    "claim_not_a_claim",
    "claim_split",
    "StaleClaimError",
    "WorkflowError",
    "article_claim_for_extraction",
    "article_extract",
    "article_fail",
    "claim_approve",
    "claim_assign",
    "claim_comment",
    "claim_dismiss",
    "claim_propose",
    "claim_reopen",
    "claim_return",
    "claim_update",
    "claims_bulk",
    "evidence_add",
]
