"""The verdict scale: everyone reads it, editors add, edit and delete ratings.

A rating that is some claim's verdict cannot be deleted (the FK is PROTECT): the
page says how many claims use it instead of failing.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.validators import RegexValidator
from django.db.models import Count, ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import get_language_info, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from claims import roles
from claims.models import Rating


class RatingForm(forms.ModelForm):
    colour = forms.CharField(
        label=gettext_lazy("Colour"),
        max_length=7,
        initial="#777777",
        widget=forms.TextInput(attrs={"type": "color"}),
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", gettext_lazy("Use a colour such as #1b7a3e."))],
    )

    class Meta:
        model = Rating
        fields = ("label", "slug", "rating_value", "worst_rating", "best_rating", "colour", "position")
        labels = {  # noqa: RUF012 (Django reads it once)
            "slug": gettext_lazy("Slug (used in URLs and the API)"),
            "rating_value": gettext_lazy("ClaimReview rating value"),
            "worst_rating": gettext_lazy("Worst rating"),
            "best_rating": gettext_lazy("Best rating"),
            "position": gettext_lazy("Position on the scale"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The name in each other UI language (a claim is published under its own language's name).
        labels = self.instance.labels if isinstance(self.instance.labels, dict) else {}
        for code in translated_languages():
            info = get_language_info(code)
            self.fields[f"label_{code}"] = forms.CharField(
                label=format_lazy(gettext_lazy("Name in {language}"), language=info["name_translated"]),
                required=False,
                max_length=80,
                initial=labels.get(code, ""),
            )

    @property
    def name_fields(self) -> list:
        return [self[f"label_{code}"] for code in translated_languages()]

    def clean_colour(self) -> str:
        return self.cleaned_data["colour"].lower()

    def save(self, commit: bool = True) -> Rating:
        rating = super().save(commit=False)
        labels = dict(rating.labels) if isinstance(rating.labels, dict) else {}
        for code in translated_languages():
            name = " ".join(self.cleaned_data.get(f"label_{code}", "").split())
            if name:
                labels[code] = name
            else:
                labels.pop(code, None)
        rating.labels = labels
        if commit:
            rating.save()
        return rating


def translated_languages() -> list[str]:
    """The UI languages other than the default one, whose name is `label`."""
    default = settings.LANGUAGE_CODE.split("-")[0]
    return [code for code, _name in settings.LANGUAGES if code.split("-")[0] != default]


def _require_editor(request: HttpRequest) -> None:
    if not roles.is_editor(request.user):
        raise PermissionDenied(_("Only editors can change the rating scale."))


def _render(
    request: HttpRequest, form: RatingForm, editing: Rating | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "ratings": Rating.objects.annotate(claim_count=Count("claims")).order_by("position", "pk"),
        "form": form,
        "editing": editing,
        "is_editor": roles.is_editor(request.user),
    }
    return render(request, "claims/ratings.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def rating_list(request: HttpRequest) -> HttpResponse:
    """The scale, and for editors the form adding a rating."""
    if request.method == "GET":
        return _render(request, RatingForm())
    _require_editor(request)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _render(request, form, status=400)
    rating = form.save()
    messages.success(request, _("Rating “%(label)s” added.") % {"label": rating.label})
    return redirect("claims:ratings")


@login_required
@require_http_methods(["GET", "POST"])
def rating_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    rating = get_object_or_404(Rating, pk=pk)
    form = RatingForm(request.POST or None, instance=rating)
    if request.method == "GET":
        return _render(request, form, editing=rating)
    if not form.is_valid():
        return _render(request, form, editing=rating, status=400)
    form.save()
    messages.success(request, _("Rating “%(label)s” saved.") % {"label": rating.label})
    return redirect("claims:ratings")


@login_required
@require_POST
def rating_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    rating = get_object_or_404(Rating.objects.annotate(claim_count=Count("claims")), pk=pk)
    try:
        # The count above may be stale; PROTECT is the real guard.
        rating.delete()
    except ProtectedError as exc:
        in_use = len(exc.protected_objects)
        messages.error(
            request,
            ngettext(
                "“%(label)s” is the verdict of %(n)s claim, so it cannot be deleted. "
                "Change that verdict first, or keep the rating.",
                "“%(label)s” is the verdict of %(n)s claims, so it cannot be deleted. "
                "Change those verdicts first, or keep the rating.",
                in_use,
            )
            % {"label": rating.label, "n": in_use},
        )
    else:
        messages.success(request, _("Rating “%(label)s” deleted.") % {"label": rating.label})
    return redirect("claims:ratings")


urlpatterns = [
    path("ratings/", rating_list, name="ratings"),
    path("ratings/<int:pk>/edit/", rating_edit, name="rating_edit"),
    path("ratings/<int:pk>/delete/", rating_delete, name="rating_delete"),
]
