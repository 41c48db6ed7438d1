"""exports pages (being written)."""

urlpatterns: list = []
