from django.urls import path
from rest_framework.routers import DefaultRouter

from articles.api import ArticleViewSet
from claims import api_exports, api_matching
from claims.api import ClaimViewSet, RatingViewSet, me
from sources.api import SourceViewSet
from sources.api_watchlists import WatchlistViewSet

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("ratings", RatingViewSet, basename="rating")
router.register("sources", SourceViewSet, basename="source")
router.register("watchlists", WatchlistViewSet, basename="watchlist")

# Export/report routes first: /claims/export/ must not be read as a claim id.
urlpatterns = [
    *api_exports.urlpatterns,
    *api_matching.urlpatterns,
    path("me/", me, name="api-me"),
    *router.urls,
]
