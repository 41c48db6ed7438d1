"""The read side of the desk: the queries behind the queue, the dashboard, the reviewer lists
and a claim's history, each costing the same whatever the number of claims.

- `claims.selectors.queue`: `queue_claims()`, `grouped_rows()`, `claim_languages()`,
  `estimated_rows()`, `QueuePaginator`, `page_number()`, and `reviewers()`.
- `claims.selectors.dashboard`: `dashboard_counts()`, `dashboard_summary()`,
  `refresh_dashboard_summary()`.
- `claims.selectors.history`: `claim_history()`, `changes_since()`, `history_as_api()`.

Callers import from `claims.selectors`; the modules split it by concern.
"""

from claims.selectors.dashboard import (
    BACKLOG_STATUSES,
    OPEN_STATUSES,
    WEEKS,
    dashboard_counts,
    dashboard_summary,
    refresh_dashboard_summary,
    week_starts,
)
from claims.selectors.history import (
    AS_EXTRACTED,
    HISTORY_FIELDS,
    SHOWN_LENGTH,
    Change,
    HistoryEntry,
    changes_since,
    claim_history,
    history_as_api,
)
from claims.selectors.queue import (
    QueuePaginator,
    claim_languages,
    estimated_rows,
    grouped_rows,
    page_number,
    queue_claims,
    reviewers,
)

__all__ = [
    "AS_EXTRACTED",
    "BACKLOG_STATUSES",
    "HISTORY_FIELDS",
    "OPEN_STATUSES",
    "SHOWN_LENGTH",
    "WEEKS",
    "Change",
    "HistoryEntry",
    "QueuePaginator",
    "changes_since",
    "claim_history",
    "claim_languages",
    "dashboard_counts",
    "dashboard_summary",
    "estimated_rows",
    "grouped_rows",
    "history_as_api",
    "page_number",
    "queue_claims",
    "refresh_dashboard_summary",
    "reviewers",
    "week_starts",
]
