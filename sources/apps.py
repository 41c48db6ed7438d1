from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = _("Followed sources")

    def ready(self) -> None:
        from claims.filters import register_source_choices
        from claims.signals import claims_extracted

        from .watchlists import on_claims_extracted

        claims_extracted.connect(on_claims_extracted, dispatch_uid="sources.watchlists")
        # The claim queue's Source dropdown (claims never imports this app).
        register_source_choices(source_choices)


def source_choices() -> list[tuple[int, str]]:
    """(id, name) of every followed source that is not merely suggested, by name."""
    from .models import Source

    return list(Source.objects.exclude(state=Source.State.SUGGESTED).values_list("pk", "name"))
