"""API-wide pieces: the one exception handler that turns domain errors into 4xx."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from articles.ingestion import IngestionError
from claims.services import StaleClaimError, WorkflowError


def exception_handler(exc, context):
    """Map our domain errors to readable 4xx; let DRF handle the rest.

    - IngestionError (empty text, unsafe URL, unreadable file) → 400
    - WorkflowError (an illegal move in the review workflow) → 400
    - StaleClaimError (the claim changed since the client read it) → 409 with
      the current version, what changed (field, old and new value, by whom,
      when) and the claim as it is now
    - Django's ValidationError (model rules) → 400
    """
    if isinstance(exc, StaleClaimError):
        from claims.serializers import ClaimOutput

        return Response(
            {
                "detail": exc.message,
                "current_version": exc.claim.version,
                "changes": [change.as_dict() for change in exc.changes],
                "claim": ClaimOutput(exc.claim).data,
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, (IngestionError, WorkflowError)):
        exc = exceptions.ValidationError({"detail": exc.message})
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError({"detail": exc.messages})
    return drf_exception_handler(exc, context)
