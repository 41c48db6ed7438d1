"""public pages (being written)."""

urlpatterns: list = []
