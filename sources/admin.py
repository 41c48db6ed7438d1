from django.contrib import admin

from .models import DigestSubscription, Source, SourceItem, Watchlist


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "state", "last_polled_at", "failures", "next_poll_at"]
    list_filter = ["state", "kind"]
    search_fields = ["name", "url"]


@admin.register(SourceItem)
class SourceItemAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["source", "article"]


admin.site.register(Watchlist)
admin.site.register(DigestSubscription)
