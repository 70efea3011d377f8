"""The site's URLs. Pages and app views live under a language prefix: /en-gb/, /ar/, ..."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as serve_media
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from home import views as home_views
from home.accounts.throttling import limit_guesses

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's own password form for private documents, with wrong guesses limited
    # (home.accounts.throttling); the same path, so Wagtail's links still lead here.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        limit_guesses(wagtaildocs_serve.authenticate_with_password, "document", "restriction_id"),
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", home_views.robots_txt),
    path("sitemap.xml", home_views.sitemap_xml),
    path("sitemap-<int:number>.xml", home_views.sitemap_file),
    path("healthz", home_views.healthz),
]

if not settings.AWS_STORAGE_BUCKET_NAME and (settings.DEBUG or settings.TESTING):
    # Local development only: images straight from disk. Documents are always served through
    # Wagtail's /documents/ view, which checks privacy, so their folder is not exposed here.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>(?:images|original_images)/.+)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += i18n_patterns(
    path("", include("roadmap.urls")),
    path("", include("casestudies.urls")),
    path("", include("events.urls")),
    path("", include("search.urls")),
    path("", include("home.urls")),
    # Wagtail's password form for private pages, with wrong guesses limited (see above).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        limit_guesses(wagtail_views.authenticate_with_password, "page", "page_view_restriction_id"),
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "home.views.bad_request"
handler500 = "home.views.server_error"
