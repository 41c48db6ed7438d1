from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from accounts import views as accounts_views
from claims.views import article as claims_article_views
from claims.views import public as claims_public_views
from ops import health

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="articles:list", permanent=False)),
    path("login/", accounts_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Django's language switch, also saved on the user's profile (accounts.views.set_language).
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("profile/", include("accounts.views")),
    path("articles/", include("articles.urls")),
    # The article page shows claims, so the claims app serves it.
    path("articles/<int:pk>/", claims_article_views.article_detail, name="article_detail"),
    path("articles/<int:pk>/delete/", claims_article_views.article_delete, name="article_delete"),
    path("articles/<int:pk>/claims/", claims_article_views.article_claims, name="article_claims"),
    path("claims/", include("claims.urls")),
    path("sources/", include("sources.urls")),
    # The demo wire for `make run` (answers 404 unless DEBUG).
    path("demo/", include("sources.demo")),
    # Public pages of published claims (opt-in per claim), no login.
    path("p/", include((claims_public_views.urlpatterns, "public"))),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's script is served as a file (the "split" view) so our CSP needs no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path(
        "api/redoc/",
        csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})(
            SpectacularRedocView.as_view(url_name="api-schema")
        ),
        name="api-redoc",
    ),
    path("healthz", health.healthz, name="healthz"),
    # Browsers, feed readers and the API's JSON pages ask for /favicon.ico whatever the page links.
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static_url("favicon.svg"))),
    path("admin/", admin.site.urls),
]

# No media route, not even with DEBUG on (`make run`): uploaded originals may be
# HTML, so they are only downloaded, as attachments and after login, from
# /articles/<pk>/original/; exports from their owner's download view.
