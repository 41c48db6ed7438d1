"""Signals other apps may listen to (claims never imports them)."""

from django.dispatch import Signal

# Sent after the transaction that stored an article's new claims has committed,
# with ``article_id`` and ``claim_ids`` (the claims created by this extraction).
# Receivers run in the extraction worker; they are called with ``send_robust``,
# so a failing receiver is logged and never fails the extraction.
claims_extracted = Signal()
