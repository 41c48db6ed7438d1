from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LANGUAGE_CHOICES = [("", _("Detect automatically")), ("fr", "Français"), ("en", "English")]


class ArticleMetadataForm(forms.Form):
    title = forms.CharField(label=_("Title"), required=False, max_length=500)
    outlet = forms.CharField(label=_("Outlet"), required=False, max_length=200)
    author = forms.CharField(label=_("Author"), required=False, max_length=300)
    published_at = forms.DateTimeField(
        label=pgettext_lazy("article date", "Published"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)


class ArticleEditForm(forms.Form):
    """An article's details, corrected after submission (articles.services.article_update)."""

    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=500,
        help_text=_("Leave empty to use a title taken from the text."),
    )
    outlet = forms.CharField(label=_("Outlet"), required=False, max_length=200)
    author = forms.CharField(label=_("Author"), required=False, max_length=300)
    published_at = forms.DateTimeField(
        label=pgettext_lazy("article date", "Published"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    url = forms.URLField(label=_("Original URL"), required=False, max_length=2000, assume_scheme="https")

    @classmethod
    def for_article(cls, article, data=None):
        initial = {
            "title": article.title,
            "outlet": article.outlet.name if article.outlet_id else "",
            "author": article.author,
            "published_at": article.published_at,
            "url": article.url or "",
        }
        return cls(data, initial=initial)


class TextSubmitForm(ArticleMetadataForm):
    text = forms.CharField(
        label=_("Article text"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "placeholder": _("Paste the article here…")}),
    )
    url = forms.URLField(
        label=_("Original URL (optional)"), required=False, max_length=2000, assume_scheme="https"
    )


class FileSubmitForm(ArticleMetadataForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_(".txt, .md, .html or .docx"),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.markdown,.html,.htm,.docx"}),
    )


class UrlSubmitForm(forms.Form):
    url = forms.URLField(label=_("Article URL"), max_length=2000, assume_scheme="https")
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)


class BulkImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or NDJSON file"),
        help_text=_(
            "Columns / keys: text or url, and optionally title, outlet, author, published_at, language."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.ndjson,.jsonl"}),
    )
