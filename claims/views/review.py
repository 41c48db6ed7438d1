"""review pages (being written)."""

urlpatterns: list = []
