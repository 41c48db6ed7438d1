"""Claimtrack's ingestion library: text, files and URLs → ``Document``.

Plain functions with no Django imports: limits are keyword arguments, the
services layer reads them from settings. Every refusal is an ``IngestionError``
whose ``.message`` can be shown to the user.
"""

from .bulk import BulkRow, parse_bulk
from .documents import Document
from .errors import FetchError, IngestionError, UnresolvableHostError, UnsafeURLError
from .fetch import RawResponse, fetch_raw, fetch_url
from .html import html_to_document
from .language import detect_language
from .readers import SUPPORTED_EXTENSIONS, check_upload_size, read_upload
from .text import clean_text, content_hash, validate_text
from .urlguard import is_public_address, parse_allow_hosts, validate_url

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "BulkRow",
    "Document",
    "RawResponse",
    "FetchError",
    "IngestionError",
    "UnresolvableHostError",
    "UnsafeURLError",
    "check_upload_size",
    "clean_text",
    "content_hash",
    "detect_language",
    "fetch_raw",
    "fetch_url",
    "html_to_document",
    "is_public_address",
    "parse_allow_hosts",
    "parse_bulk",
    "read_upload",
    "validate_text",
    "validate_url",
]
