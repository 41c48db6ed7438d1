"""Forms of the review panel. They only parse input: the rules live in claims.services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from claims.models import Evidence, Rating
from claims.selectors import reviewers


class RatingChoiceField(forms.ModelChoiceField):
    """Rating options in the reader's language (the seeded labels are translated)."""

    def label_from_instance(self, obj: Rating) -> str:
        return obj.display_label


class VersionForm(forms.Form):
    """Every change carries the version the user saw, for the optimistic lock."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class AssignForm(VersionForm):
    prefix = "assign"
    # Empty means "unassign". The service decides who may assign whom.
    assignee = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Nobody"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = reviewers()


class ProposeForm(VersionForm):
    prefix = "propose"
    rating = RatingChoiceField(label=_("Rating"), queryset=Rating.objects.all(), empty_label=_("Choose…"))
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        help_text=_("What the evidence shows, in a few sentences readers can follow."),
    )


class ReturnForm(VersionForm):
    prefix = "return"
    reason = forms.CharField(
        label=_("Why return it?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        help_text=_("The proposer sees this at the top of the panel."),
    )


class EvidenceForm(forms.Form):
    prefix = "evidence"
    url = forms.URLField(label=_("URL"), max_length=2000, assume_scheme="https")
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Optional: taken from the URL when left empty."),
    )
    source_name = forms.CharField(label=_("Source"), max_length=200, required=False)
    stance = forms.ChoiceField(
        label=_("Stance"), choices=Evidence.Stance.choices, initial=Evidence.Stance.CONTEXT
    )
    excerpt = forms.CharField(label=_("Excerpt"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CommentForm(forms.Form):
    prefix = "comment"
    body = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
        help_text=_("Mention a colleague with @username to notify them."),
    )
