"""The Watchlists page and the daily digest page."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .digest import digest
from .models import DigestSubscription, Watchlist
from .watchlists import clean_entries, visible_watchlists


class WatchlistForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    terms = forms.CharField(
        label=gettext_lazy("Terms"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Comma or line separated."),
    )
    people = forms.CharField(
        label=gettext_lazy("People"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    organisations = forms.CharField(
        label=gettext_lazy("Organisations"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    team = forms.ModelChoiceField(label=gettext_lazy("Share with a team"), queryset=None, required=False)
    email = forms.BooleanField(label=gettext_lazy("Also send an e-mail"), required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = user.groups.order_by("name")

    def clean(self):
        data = super().clean()
        for field in ("terms", "people", "organisations"):
            data[field] = clean_entries(data.get(field, ""))
        if not (data["terms"] or data["people"] or data["organisations"]):
            raise forms.ValidationError(_("Give at least one term, person or organisation."))
        return data


@login_required
def watchlist_list(request: HttpRequest) -> HttpResponse:
    form = WatchlistForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            Watchlist.objects.create(owner=request.user, **form.cleaned_data)
            messages.success(
                request, _("Watchlist saved: new check-worthy claims that match it will notify you.")
            )
            return redirect("sources:watchlists")
    watchlists = visible_watchlists(request.user).select_related("owner", "team").order_by("name", "id")
    status = 400 if request.method == "POST" else 200
    return render(request, "sources/watchlists.html", {"form": form, "watchlists": watchlists}, status=status)


@login_required
@require_POST
def watchlist_delete(request: HttpRequest, pk: int) -> HttpResponse:
    watchlist = get_object_or_404(Watchlist, pk=pk, owner=request.user)
    watchlist.delete()
    messages.success(request, _("Watchlist deleted."))
    return redirect("sources:watchlists")


@login_required
def digest_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        day = date.fromisoformat(request.GET.get("date", "")) if request.GET.get("date") else today
    except ValueError:
        day = today
    language = request.GET.get("language", "")
    sections = digest(day, languages=[language] if language in ("fr", "en") else None)
    context = {
        "day": day,
        "sections": sections,
        "language": language,
        "today": today,
        "subscribed": DigestSubscription.objects.filter(user=request.user).exists(),
        "previous": day - timezone.timedelta(days=1),
        "next": day + timezone.timedelta(days=1),
    }
    return render(request, "sources/digest.html", context)


@login_required
@require_POST
def digest_subscription(request: HttpRequest) -> HttpResponse:
    """Opt in to (or out of) the daily digest e-mail."""
    if request.POST.get("subscribe") == "1":
        DigestSubscription.objects.get_or_create(user=request.user)
        messages.success(request, _("You will receive the daily digest by e-mail each morning."))
    else:
        DigestSubscription.objects.filter(user=request.user).delete()
        messages.success(request, _("You will no longer receive the daily digest by e-mail."))
    return redirect("sources:digest")
