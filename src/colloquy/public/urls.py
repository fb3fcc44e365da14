from django.urls import path

from colloquy.public.views import lists, participation, record
from colloquy.search import views as search_views

app_name = "public"

urlpatterns = [
    path("", record.home, name="home"),
    path("forums/<slug:slug>/", record.forum_detail, name="forum"),
    path("forums/<slug:forum_slug>/<int:year>/", record.cycle_detail, name="cycle"),
    path("events/", lists.event_list, name="events"),
    path("organizations/", lists.organization_list, name="organizations"),
    path("people/", lists.person_list, name="people"),
    path("events/<slug:slug>/", record.event_detail, name="event"),
    path("events/<slug:slug>/calendar.ics", record.event_ical, name="event-ical"),
    path("organizations/<slug:slug>/", participation.organization_detail, name="organization"),
    path("countries/<str:code>/", participation.country_detail, name="country"),
    path("people/<slug:slug>/", participation.person_detail, name="person"),
    path("documents/<int:pk>/", record.document_detail, name="document"),
    path("documents/<int:pk>/file/", record.document_file, name="document-file"),
    # The archive search belongs to the search app; the public name points at the same view.
    path("search/", search_views.search_page, name="search"),
]
