from django.urls import path

from . import views, views_watch

app_name = "sources"

urlpatterns = [
    path("", views.source_list, name="list"),
    path("<int:pk>/state/", views.source_state, name="state"),
    path("<int:pk>/poll/", views.source_poll, name="poll"),
    path("watchlists/", views_watch.watchlist_list, name="watchlists"),
    path("watchlists/<int:pk>/delete/", views_watch.watchlist_delete, name="watchlist_delete"),
    path("digest/", views_watch.digest_page, name="digest"),
    path("digest/email/", views_watch.digest_subscription, name="digest_subscription"),
]
