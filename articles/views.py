from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.forms import ArticleEditForm, BulkImportForm, FileSubmitForm, TextSubmitForm, UrlSubmitForm
from articles.ingestion import IngestionError, parse_bulk
from articles.models import Article
from articles.services import (
    article_requeue,
    article_submit,
    article_update,
    articles_import,
    read_uploaded_file,
)

FORMS = {"text": TextSubmitForm, "file": FileSubmitForm, "url": UrlSubmitForm, "bulk": BulkImportForm}


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    articles = (
        Article.objects.select_related("outlet")
        .annotate(claim_count=Count("claims"))
        .defer("text", "original_html")
    )
    status = request.GET.get("status", "")
    if status in Article.Status.values:
        articles = articles.filter(status=status)
    source = request.GET.get("source", "")
    source_name = ""
    if source.isdigit():
        # Items of followed sources point at their articles (sources.SourceItem); this app
        # only follows that reverse relation and never imports the sources app.
        from_source = Article.objects.filter(source_items__source_id=int(source))
        articles = articles.filter(pk__in=from_source.values("pk"))
        source_name = from_source.values_list("source_items__source__name", flat=True).first() or f"#{source}"
    else:
        source = ""
    page = Paginator(articles.newest_first(), 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": Article.Status.choices,
        "source": source,
        "source_name": source_name,
    }
    return render(request, "articles/list.html", context)


def _submit_page(request, kind: str, form, status: int = 200, report=None) -> HttpResponse:
    forms = {name: cls() for name, cls in FORMS.items()}
    forms[kind] = form
    context = {"forms": forms, "kind": kind, "report": report, "max_chars": settings.ARTICLE_MAX_CHARS}
    return render(request, "articles/submit.html", context, status=status)


@login_required
@permission_required("articles.add_article", raise_exception=True)
def article_submit_view(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind") or request.GET.get("kind") or "text"
    kind = kind if kind in FORMS else "text"
    if request.method != "POST":
        return _submit_page(request, kind, FORMS[kind]())
    form = FORMS[kind](request.POST, request.FILES)
    if not form.is_valid():
        return _submit_page(request, kind, form, status=400)
    if kind == "bulk":
        return _bulk_import(request, form)
    data = form.cleaned_data
    upload = data.get("file")
    try:
        upload_data = read_uploaded_file(upload) if upload else None
        submission = article_submit(
            text=data.get("text", ""),
            url=data.get("url", ""),
            title=data.get("title", ""),
            outlet=data.get("outlet", ""),
            author=data.get("author", ""),
            published_at=data.get("published_at"),
            language=data.get("language", ""),
            upload_name=upload.name if upload else "",
            upload_data=upload_data,
            submitted_by=request.user,
        )
    except IngestionError as exc:
        form.add_error(None, _(exc.message))  # marked with gettext_noop where raised
        return _submit_page(request, kind, form, status=400)
    if not submission.created:
        messages.info(request, _("This article is already in Claimtrack; here it is."))
    return redirect("article_detail", pk=submission.article.pk)


def _bulk_import(request: HttpRequest, form: BulkImportForm) -> HttpResponse:
    upload = form.cleaned_data["file"]
    try:
        rows = parse_bulk(upload.name, read_uploaded_file(upload), max_rows=settings.BULK_IMPORT_MAX_ROWS)
    except IngestionError as exc:
        form.add_error("file", _(exc.message))
        return _submit_page(request, "bulk", form, status=400)
    report = articles_import(rows=rows, submitted_by=request.user)
    return _submit_page(request, "bulk", BulkImportForm(), report=report)


@login_required
def article_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status badge, polled by htmx while extraction runs (every 500 ms on the article's own
    page, `fast=1`; every second on the list, where many articles may be pending at once).

    When extraction has ended (the status is no longer pending and differs from the one the page
    was rendered with), the page is told to reload so the claims appear. From `queued` to
    `extracting` only the badge changes: reloading the page then bought nothing.
    """
    article = get_object_or_404(Article.objects.only("id", "status", "error", "status_changed_at"), pk=pk)
    fast_poll = request.GET.get("fast") == "1"
    response = render(request, "articles/_status.html", {"article": article, "fast_poll": fast_poll})
    was = request.GET.get("was")
    if was and was != article.status and not article.is_pending:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def article_reextract(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors and the article's submitter only (Article.can_be_reextracted_by): 403 for others."""
    article = get_object_or_404(Article, pk=pk)
    if not article.can_be_reextracted_by(request.user):
        raise PermissionDenied(
            _("Only editors and the reporter who submitted this article can re-extract it.")
        )
    article_requeue(article=article)
    messages.success(request, _("Extraction queued again; claims you have worked on are kept."))
    return redirect("article_detail", pk=pk)


@login_required
def article_original(request: HttpRequest, pk: int) -> FileResponse:
    """The uploaded original file, for any logged-in reader, always as a download.

    It may be HTML written by anyone: it is never rendered in our origin
    (attachment, a generic content type, nosniff). Nothing else serves media.
    """
    article = get_object_or_404(Article.objects.only("id", "original_file"), pk=pk)
    if not article.original_file:
        raise Http404
    try:
        handle = article.original_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = article.original_file.name.rsplit("/", 1)[-1]
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type="application/octet-stream"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@permission_required("articles.add_article", raise_exception=True)
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an article's title, outlet, author, date and URL (reporters and up)."""
    article = get_object_or_404(Article.objects.select_related("outlet").defer("original_html"), pk=pk)
    form = ArticleEditForm.for_article(article, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            try:
                article_update(article=article, changes=changes, by=request.user)
            except IngestionError as exc:
                form.add_error(None, _(exc.message))  # marked with gettext_noop where raised
            else:
                if changes:
                    messages.success(request, _("Article details saved."))
                return redirect("article_detail", pk=pk)
        return render(request, "articles/edit.html", {"article": article, "form": form}, status=400)
    return render(request, "articles/edit.html", {"article": article, "form": form})
