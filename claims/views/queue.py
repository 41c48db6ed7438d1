"""queue pages (being written)."""

urlpatterns: list = []
