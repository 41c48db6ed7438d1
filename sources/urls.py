from django.urls import path

from . import views

app_name = "sources"

urlpatterns = [
    path("", views.source_list, name="list"),
    path("<int:pk>/state/", views.source_state, name="state"),
    path("<int:pk>/poll/", views.source_poll, name="poll"),
]
