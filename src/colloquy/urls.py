from django.conf import settings
from django.contrib import admin
from django.http import Http404, JsonResponse
from django.urls import include, path, re_path
from django.views import defaults
from django.views.static import serve

from colloquy.api import api

# Files that are downloaded only through a view that checks access first.
PRIVATE_MEDIA = ("documents/", "outcomes/evidence/")


def debug_media(request, path):
    """Development only. Document files (restricted material among them) and follow-up evidence (drafts are
    private) are never served from MEDIA_URL: they go through `public:document-file` and `outcomes:evidence`,
    which check access. A deployment must not serve these folders of MEDIA_ROOT directly either
    (docs/registration.md)."""
    if path.startswith(PRIVATE_MEDIA):
        raise Http404("This file is downloaded from its page.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def not_found(request, exception):
    """404 for an address no route matches (a non-integer id: `/api/ballots/abc`): JSON under /api/, like
    the API's own 404s, and the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found: no such address in the API.", "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


handler404 = not_found

admin.site.site_header = "Colloquy secretariat"
admin.site.site_title = "Colloquy"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("colloquy.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("colloquy.ingest.urls")),
    path("", include("colloquy.ballots.urls")),
    path("", include("colloquy.registration.urls")),
    path("", include("colloquy.outcomes.urls")),
    path("", include("colloquy.search.urls")),
    path("", include("colloquy.public.urls")),
]

if settings.DEBUG:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", debug_media)]
