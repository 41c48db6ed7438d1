"""Exports, reports, ClaimReview and public pages: a small pipeline.

    ClaimFilter(params) → queryset ──rows.py──▶ row dicts ──writers.py──▶ bytes (a stream or a file)

- rows.py: the queryset for an export and the row builders (flat rows for CSV/XLSX,
  the API's claim shape for JSON/NDJSON, ClaimReview for JSON-LD), streamed in chunks
- writers.py: one class per format with `extension`, `content_type` and `write()`
- claimreview.py: schema.org ClaimReview for one claim
- report.py: the printable report (HTML and PDF)
- jobs.py: large exports built by a worker as an `Export` row, and their retention
- responses.py: the HTTP answers shared by the API and the pages

The public page opt-in and the CSV import of verdicts are workflows, in claims/services/
(publishing.py, imports.py).
"""
