"""mywork pages (being written)."""

urlpatterns: list = []
