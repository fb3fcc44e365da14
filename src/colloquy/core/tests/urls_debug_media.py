"""The site's URLs plus the development /media/ route, which urls.py mounts only with DEBUG on."""

from colloquy.urls import media_urlpatterns
from colloquy.urls import urlpatterns as site

urlpatterns = [*site, *media_urlpatterns]
