from rest_framework.routers import DefaultRouter

from articles.api import ArticleViewSet
from claims.api import ClaimViewSet, RatingViewSet

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("ratings", RatingViewSet, basename="rating")

urlpatterns = router.urls
