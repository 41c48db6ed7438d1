"""Errors raised by the ingestion library.

Every error carries ``.message``: one clear sentence that can be shown to the
journalist as is (the API turns an ``IngestionError`` into a 400).
"""

from __future__ import annotations


class IngestionError(ValueError):
    """The submitted text, file or URL cannot become an article."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnsafeURLError(IngestionError):
    """The URL is refused by the SSRF guard (scheme, credentials, private address...)."""


class UnresolvableHostError(IngestionError):
    """The URL's host name does not resolve.

    Plain ``IngestionError`` at submission time; ``fetch_url`` turns it into a
    transient ``FetchError`` because DNS failures are often temporary.
    """


class FetchError(IngestionError):
    """Fetching a URL failed.

    ``transient`` is True when retrying later may succeed (timeouts, 5xx,
    connection errors, DNS failures) and False when it will not (4xx, too large,
    wrong content type).
    """

    def __init__(self, message: str, *, transient: bool = False):
        super().__init__(message)
        self.transient = transient

    def __reduce__(self):
        # Keep ``transient`` across pickling (Celery serialises exceptions).
        return (type(self), (self.message,), {"transient": self.transient})
