from django.contrib import admin

from articles.models import Article, Outlet


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain"]
    search_fields = ["name", "domain"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["id", "display_title", "outlet", "language", "status", "origin", "created_at"]
    list_filter = ["status", "language", "origin", "outlet"]
    search_fields = ["title", "url"]
    list_select_related = ["outlet"]
    readonly_fields = [
        "content_hash",
        "status_changed_at",
        "attempts",
        "extractor_version",
        "created_at",
        "updated_at",
    ]
    raw_id_fields = ["created_by"]
    date_hierarchy = "created_at"
