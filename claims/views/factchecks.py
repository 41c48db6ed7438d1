"""The fact-check import page (editors): a ClaimReview JSON-LD or CSV file, or a page URL carrying
ClaimReview markup. The same service as `manage.py import_factchecks` (claims.services.factchecks);
the new fact-checks are embedded by a worker (claims.tasks.embed_fact_checks), after which new
claims are matched against them."""

from __future__ import annotations

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.validators import URLValidator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from claims import roles
from claims.models import FactCheck
from claims.services import factchecks

RECENT = 20
logger = logging.getLogger(__name__)


class FactCheckImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (ClaimReview JSON-LD or CSV)"), required=False)
    url = forms.CharField(
        label=gettext_lazy("Or the URL of a page carrying ClaimReview markup"),
        required=False,
        max_length=2000,
        validators=[URLValidator(schemes=["http", "https"], message=gettext_lazy("Give an http(s) URL."))],
    )

    def clean(self):
        cleaned = super().clean()
        has_file, has_url = bool(cleaned.get("file")), bool(cleaned.get("url"))
        if not self.errors and has_file == has_url:
            raise forms.ValidationError(_("Give either a file or a URL."))
        upload = cleaned.get("file")
        if upload and upload.size > settings.UPLOAD_MAX_BYTES:
            self.add_error(
                "file",
                _("The file is larger than %(size)s MB.") % {"size": settings.UPLOAD_MAX_BYTES // 2**20},
            )
        return cleaned


def _read(form: FactCheckImportForm) -> list[FactCheck]:
    upload, url = form.cleaned_data.get("file"), form.cleaned_data.get("url")
    if upload:
        return factchecks.parse_file(upload.name, upload.read())
    return factchecks.parse_html(factchecks.fetch_page(url), source_ref=url)


def _queue_embedding() -> None:
    from claims.tasks import embed_fact_checks

    try:
        embed_fact_checks.delay()
    except Exception:  # broker down: the next import (or `import_factchecks`) embeds them
        logger.warning("Could not queue the embedding of imported fact-checks", exc_info=True)


@login_required
@require_http_methods(["GET", "POST"])
def factcheck_import(request: HttpRequest) -> HttpResponse:
    if not roles.is_editor(request.user):
        raise PermissionDenied(_("Only editors can import fact-checks."))
    status = 200
    form = (
        FactCheckImportForm(request.POST, request.FILES)
        if request.method == "POST"
        else FactCheckImportForm()
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                checks = _read(form)
            except factchecks.FactCheckImportError as exc:
                form.add_error(None, str(exc))
            else:
                report = factchecks.store(checks, by=request.user)
                transaction.on_commit(_queue_embedding)
                messages.success(
                    request,
                    _("%(created)s new fact-checks imported, %(existing)s already there.")
                    % {"created": report.created, "existing": report.existing},
                )
                return redirect("claims:factcheck_import")
        status = 400
    context = {
        "form": form,
        "recent": FactCheck.objects.select_related("imported_by").order_by("-created_at", "-id")[:RECENT],
        "total": FactCheck.objects.count(),
        "csv_columns": ", ".join(factchecks.CSV_COLUMNS),
    }
    return render(request, "claims/factcheck_import.html", context, status=status)


urlpatterns = [path("factchecks/import/", factcheck_import, name="factcheck_import")]
