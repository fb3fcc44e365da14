from django.conf import settings
from django.contrib import admin
from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views import defaults

from colloquy.api import api
from colloquy.core.files import debug_media
from colloquy.core.health import healthz


def not_found(request, exception):
    """404 for an address no route matches (a non-integer id: `/api/ballots/abc`): JSON under /api/, like
    the API's own 404s, and the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found: no such address in the API.", "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


handler404 = not_found


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; it was a 404 on every first visit."""
    return redirect(static("colloquy/favicon.svg"), permanent=True)


admin.site.site_header = "Colloquy secretariat"
admin.site.site_title = "Colloquy"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("colloquy.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("colloquy.ingest.urls")),
    path("", include("colloquy.ballots.urls")),
    path("", include("colloquy.registration.urls")),
    path("", include("colloquy.funding.urls")),
    path("", include("colloquy.outcomes.urls")),
    path("", include("colloquy.calls.urls")),
    path("", include("colloquy.drafting.urls")),
    path("", include("colloquy.search.urls")),
    path("", include("colloquy.public.urls")),
]

# Development only: restricted files are never served by path (core/files.py); with DEBUG off there is no
# /media/ route at all, and a deployment's web server must not serve MEDIA_ROOT either (docs/deployment.md).
media_urlpatterns = [re_path(r"^media/(?P<path>.*)$", debug_media)]
if settings.DEBUG:
    urlpatterns += media_urlpatterns
