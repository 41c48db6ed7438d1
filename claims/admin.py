from django.contrib import admin

from claims.models import Claim, Quantity, Rating


class QuantityInline(admin.TabularInline):
    model = Quantity
    extra = 0


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["id", "__str__", "claim_type", "checkworthiness", "status", "article"]
    list_filter = ["status", "claim_type", "checkworthy", "language"]
    search_fields = ["text", "speaker"]
    list_select_related = ["article"]
    raw_id_fields = ["article", "assignee"]
    inlines = [QuantityInline]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "rating_value", "best_rating", "worst_rating", "position"]
    prepopulated_fields = {"slug": ["label"]}
