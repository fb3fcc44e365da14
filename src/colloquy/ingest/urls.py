from django.urls import path

from colloquy.ingest import views

app_name = "ingest"

urlpatterns = [
    path("ingest/", views.queue, name="queue"),
    path("ingest/upload/", views.upload, name="upload"),
    path("ingest/documents/<int:pk>/", views.document, name="document"),
    path("ingest/documents/<int:pk>/bulk/", views.bulk, name="bulk"),
    path("ingest/items/<int:pk>/accept/", views.accept, name="accept"),
    path("ingest/items/<int:pk>/reject/", views.reject, name="reject"),
    path("ingest/items/<int:pk>/edit/", views.edit, name="edit"),
]
