from django.urls import path

from colloquy.funding import views

app_name = "funding"

urlpatterns = [
    path("funding/", views.home, name="home"),
    path("funding/events/<slug:slug>/", views.event_funding, name="event"),
    path("funding/events/<slug:slug>/budget/", views.budget_set, name="budget"),
    path("funding/events/<slug:slug>/confirm/", views.confirm_funded, name="confirm"),
    path("funding/cycles/<int:pk>/", views.cycle_funding, name="cycle"),
    path("funding/pledges/new/", views.pledge_create, name="pledge_create"),
    path("funding/pledges/<int:pk>/status/", views.pledge_status, name="pledge_status"),
    path("funding/report/<int:year>/", views.report, name="report"),
    path("funding/report/<int:year>.csv", views.report_csv, name="report_csv"),
    path("funding/report/<int:year>.pdf", views.report_pdf, name="report_pdf"),
    path("funding/open-data/pledges.csv", views.open_pledges_csv, name="open_csv"),
]
