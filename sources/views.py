"""The Sources page: follow a feed by URL, see each source's health, pause, poll now."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.ingestion import IngestionError

from .api import annotated_sources
from .forms import SourceForm
from .models import Source
from .services import can_manage, poll_now, source_create, source_update


def _page(request, form, status=200) -> HttpResponse:
    sources = annotated_sources().order_by("state", "name", "id")
    context = {
        "form": form,
        "sources": sources,
        "can_manage": can_manage(request.user),
        "can_suggest": request.user.has_perm("articles.add_article"),
    }
    return render(request, "sources/list.html", context, status=status)


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, SourceForm())
    if not request.user.has_perm("articles.add_article"):
        raise PermissionDenied
    form = SourceForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        source = source_create(**form.cleaned_data, user=request.user)
    except IngestionError as exc:
        form.add_error("url", _(exc.message))
        return _page(request, form, status=400)
    if source.state == Source.State.SUGGESTED:
        messages.success(request, _("Source suggested; an editor will review it."))
    else:
        messages.success(request, _("Source added; it is being polled now."))
    return redirect("sources:list")


def _managed(request, pk) -> Source:
    if not can_manage(request.user):
        raise PermissionDenied
    return get_object_or_404(Source, pk=pk)


@login_required
@require_POST
def source_state(request: HttpRequest, pk: int) -> HttpResponse:
    source = _managed(request, pk)
    state = request.POST.get("state")
    if state not in (Source.State.ACTIVE, Source.State.PAUSED):
        messages.error(request, _("Unknown state."))
        return redirect("sources:list")
    source_update(source, data={"state": state})
    messages.success(request, _("Source resumed.") if state == Source.State.ACTIVE else _("Source paused."))
    return redirect("sources:list")


@login_required
@require_POST
def source_poll(request: HttpRequest, pk: int) -> HttpResponse:
    poll_now(_managed(request, pk))
    messages.success(request, _("Polling now; new items appear in a moment."))
    return redirect("sources:list")
