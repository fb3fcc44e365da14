from django.urls import path

from colloquy.search import views

app_name = "search"

# Included before colloquy.public.urls, so /search/ (and the header box, which reverses
# `public:search` to the same path) lands here.
urlpatterns = [
    path("search/", views.search_page, name="search"),
]
