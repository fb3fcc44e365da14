"""The site's URLs plus the benchmark's trivial view (bench_site.py)."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("", include("colloquy.urls")),
]
