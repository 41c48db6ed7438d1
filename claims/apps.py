from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete


def _register_sqlite_functions(sender, connection, **kwargs):
    """SQLite has no unaccent: give it claims.search's folding as an SQL function."""
    if connection.vendor == "sqlite":
        from claims.search import FOLD_FUNCTION, fold

        connection.connection.create_function(FOLD_FUNCTION, -1, fold, deterministic=True)


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self):
        connection_created.connect(_register_sqlite_functions, dispatch_uid="claims.sqlite_functions")
        from claims.services.clusters import link_deleted

        # A deleted claim (re-extraction, deleted article) takes its links: its cluster is recomputed.
        post_delete.connect(link_deleted, sender="claims.ClaimLink", dispatch_uid="claims.cluster_on_delete")
