"""Export and report API routes (being written); included before the router in config/api_urls.py."""

urlpatterns: list = []
