from django.urls import path

from colloquy.public import views
from colloquy.search import views as search_views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("forums/<slug:slug>/", views.forum_detail, name="forum"),
    path("forums/<slug:forum_slug>/<int:year>/", views.cycle_detail, name="cycle"),
    path("events/", views.event_list, name="events"),
    path("organizations/", views.organization_list, name="organizations"),
    path("people/", views.person_list, name="people"),
    path("events/<slug:slug>/", views.event_detail, name="event"),
    path("events/<slug:slug>/calendar.ics", views.event_ical, name="event-ical"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path("countries/<str:code>/", views.country_detail, name="country"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/file/", views.document_file, name="document-file"),
    # The archive search belongs to the search app; the public name points at the same view.
    path("search/", search_views.search_page, name="search"),
]
