"""Who may do what. Roles are Django groups created by a migration.

- reporter: reviews claims, assigns them to herself, proposes verdicts, adds evidence and comments
- editor: all that, plus assigns anyone, approves or returns verdicts, publishes, edits the rating scale
- admin: all that, plus users and settings (Django admin)
A superuser counts as admin. A logged-in user with no role may only read.
"""

from __future__ import annotations

REPORTER, EDITOR, ADMIN = "reporter", "editor", "admin"
ROLES = (REPORTER, EDITOR, ADMIN)
_RANK = {None: 0, REPORTER: 1, EDITOR: 2, ADMIN: 3}


def role_of(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return ADMIN
    cached = getattr(user, "_claimtrack_role", "unset")
    if cached != "unset":
        return cached
    names = set(user.groups.values_list("name", flat=True))
    role = next((name for name in (ADMIN, EDITOR, REPORTER) if name in names), None)
    user._claimtrack_role = role
    return role


def has_role(user, role: str) -> bool:
    """True when the user's role is `role` or above it."""
    return _RANK[role_of(user)] >= _RANK[role]


def can_review(user) -> bool:
    return has_role(user, REPORTER)


def is_editor(user) -> bool:
    return has_role(user, EDITOR)
