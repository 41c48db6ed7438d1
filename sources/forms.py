from django import forms
from django.utils.translation import gettext_lazy as _

from articles.forms import LANGUAGE_CHOICES


class SourceForm(forms.Form):
    url = forms.CharField(
        label=_("Feed, news sitemap or home page URL"),
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://www.example.org/rss.xml"}),
        help_text=_("A home page is enough: its RSS or Atom feeds are discovered."),
    )
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    outlet = forms.CharField(label=_("Outlet"), required=False, max_length=200)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)
    poll_interval_minutes = forms.IntegerField(
        label=_("Poll every (minutes)"), min_value=5, max_value=10080, initial=30
    )
