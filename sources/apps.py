from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = _("Followed sources")

    def ready(self) -> None:
        from claims.signals import claims_extracted

        from .watchlists import on_claims_extracted

        claims_extracted.connect(on_claims_extracted, dispatch_uid="sources.watchlists")
