from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.forms import BulkImportForm, FileSubmitForm, TextSubmitForm, UrlSubmitForm
from articles.ingestion import IngestionError, parse_bulk
from articles.models import Article
from articles.services import article_requeue, article_submit, articles_import

FORMS = {"text": TextSubmitForm, "file": FileSubmitForm, "url": UrlSubmitForm, "bulk": BulkImportForm}


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.select_related("outlet").annotate(claim_count=Count("claims")).defer(
        "text", "original_html"
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
    context = {"page": page, "status": status, "statuses": Article.Status.choices, "source": source,
               "source_name": source_name}
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
        submission = article_submit(
            text=data.get("text", ""),
            url=data.get("url", ""),
            title=data.get("title", ""),
            outlet=data.get("outlet", ""),
            author=data.get("author", ""),
            published_at=data.get("published_at"),
            language=data.get("language", ""),
            upload_name=upload.name if upload else "",
            upload_data=upload.read() if upload else None,
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
        rows = parse_bulk(upload.name, upload.read(), max_rows=settings.BULK_IMPORT_MAX_ROWS)
    except IngestionError as exc:
        form.add_error("file", _(exc.message))
        return _submit_page(request, "bulk", form, status=400)
    report = articles_import(rows=rows, submitted_by=request.user)
    return _submit_page(request, "bulk", BulkImportForm(), report=report)


@login_required
def article_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status badge, polled by htmx while extraction runs.

    When the status differs from the one the page was rendered with, the
    page is told to reload so the claims appear.
    """
    article = get_object_or_404(Article.objects.only("id", "status", "error", "status_changed_at"), pk=pk)
    response = render(request, "articles/_status.html", {"article": article})
    if request.GET.get("was") and request.GET["was"] != article.status:
        response["HX-Refresh"] = "true"
    return response


@login_required
@permission_required("articles.add_article", raise_exception=True)
@require_POST
def article_reextract(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    article_requeue(article=article)
    messages.success(request, _("Extraction queued again; claims you have worked on are kept."))
    return redirect("article_detail", pk=pk)
