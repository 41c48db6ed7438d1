"""ratings pages (being written)."""

urlpatterns: list = []
