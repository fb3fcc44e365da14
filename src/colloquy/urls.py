from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, re_path
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


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; it was a 404 on every first visit."""
    return redirect(static("colloquy/favicon.svg"), permanent=True)


admin.site.site_header = "Colloquy secretariat"
admin.site.site_title = "Colloquy"

urlpatterns = [
    path("favicon.ico", favicon),
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
