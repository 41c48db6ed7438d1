"""The verdict scale."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

# The seeded verdict scale (migration 0002) lives in the database, so makemessages
# cannot see its labels: list them here so the catalogue carries them, and show
# them through Rating.display_label. A label an editor adds or renames simply
# falls through gettext untranslated.
DEFAULT_RATING_LABELS = [
    gettext_noop("True"),
    gettext_noop("Mostly true"),
    gettext_noop("Mixed"),
    gettext_noop("Mostly false"),
    gettext_noop("False"),
    gettext_noop("Misleading"),
    gettext_noop("Unverifiable"),
]


class Rating(models.Model):
    """One step of the verdict scale, mapped to schema.org ClaimReview numbers.

    `label` is the rating's name in the default language (English); `labels` holds
    its name in other languages ({"fr": "Plutôt vrai"}), and a claim is published
    under the name in its own language (name_in()).

    A rating off the true–false scale (Unverifiable, Misleading) has no
    `rating_value`: its ClaimReview carries the name (alternateName) and no number,
    rather than being published as the bottom (or any point) of the scale.
    """

    slug = models.SlugField(max_length=40)
    label = models.CharField(_("label"), max_length=80)
    labels = models.JSONField(_("names in other languages"), default=dict, blank=True)
    rating_value = models.PositiveSmallIntegerField(_("ClaimReview ratingValue"), null=True, blank=True)
    best_rating = models.PositiveSmallIntegerField(default=5)
    worst_rating = models.PositiveSmallIntegerField(default=1)
    colour = models.CharField(max_length=7, default="#777777")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="rating_slug_unique"),
            models.CheckConstraint(
                condition=Q(rating_value__isnull=True)
                | Q(worst_rating__lte=F("rating_value"), rating_value__lte=F("best_rating")),
                name="rating_value_within_scale",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def display_label(self) -> str:
        """The name in the active language."""
        return self.name_in(get_language())

    def name_in(self, language: str | None) -> str:
        """The name in `language` ("fr", "fr-ca"…): the one an editor gave, else the
        catalogue's translation of a seeded label, else `label` as typed."""
        code = (language or "").lower().split("-")[0]
        name = (self.labels or {}).get(code) if isinstance(self.labels, dict) else None
        if name:
            return name
        if not self.label or not code:
            return self.label
        with translation.override(code):
            return gettext(self.label)

    @property
    def on_scale(self) -> bool:
        return self.rating_value is not None
