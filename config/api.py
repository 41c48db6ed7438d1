"""API-wide pieces: the one exception handler that turns domain errors into 4xx."""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from articles.ingestion import IngestionError


def exception_handler(exc, context):
    """Map our domain errors to readable 400s; let DRF handle the rest.

    IngestionError carries a user-facing sentence (empty text, unsafe URL,
    unreadable file). Django's ValidationError comes from model rules.
    """
    if isinstance(exc, IngestionError):
        exc = exceptions.ValidationError({"detail": exc.message})
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError({"detail": exc.messages})
    return drf_exception_handler(exc, context)
