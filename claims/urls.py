from claims.views import article, dashboard, exports, matching, mywork, queue, ratings, review

app_name = "claims"

# Each view module owns its URL patterns (keeps areas apart as the desk grows).
urlpatterns = [
    *article.urlpatterns,
    *queue.urlpatterns,
    *review.urlpatterns,
    *matching.urlpatterns,
    *mywork.urlpatterns,
    *dashboard.urlpatterns,
    *ratings.urlpatterns,
    *exports.urlpatterns,
]
