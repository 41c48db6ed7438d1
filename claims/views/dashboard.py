"""dashboard pages (being written)."""

urlpatterns: list = []
