from claims.views import article

app_name = "claims"

# Each view module owns its URL patterns (keeps areas apart as the desk grows).
urlpatterns = [*article.urlpatterns]
