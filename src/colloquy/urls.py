from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from colloquy.api import api

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
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
