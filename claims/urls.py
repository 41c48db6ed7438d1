from claims.views import (
    article,
    corrections,
    corrections_dashboard,
    dashboard,
    exports,
    factchecks,
    matching,
    mywork,
    queue,
    ratings,
    review,
)

app_name = "claims"

# Each view module owns its URL patterns (keeps areas apart as the desk grows).
urlpatterns = [
    *article.urlpatterns,
    *queue.urlpatterns,
    *review.urlpatterns,
    *corrections.urlpatterns,
    *matching.urlpatterns,
    *factchecks.urlpatterns,
    *mywork.urlpatterns,
    *dashboard.urlpatterns,
    *corrections_dashboard.urlpatterns,
    *ratings.urlpatterns,
    *exports.urlpatterns,
]
