from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("new/", views.article_submit_view, name="submit"),
    path("<int:pk>/status/", views.article_status, name="status"),
    path("<int:pk>/reextract/", views.article_reextract, name="reextract"),
    path("<int:pk>/original/", views.article_original, name="original"),
    path("<int:pk>/edit/", views.article_edit, name="edit"),
]
