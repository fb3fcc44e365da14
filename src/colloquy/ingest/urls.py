from django.urls import path

from colloquy.ingest import upload_views, views

app_name = "ingest"

urlpatterns = [
    path("ingest/", views.queue, name="queue"),
    path("ingest/upload/", upload_views.upload, name="upload"),
    path("ingest/uploads/<str:task_id>/", upload_views.progress, name="progress"),
    path("ingest/documents/<int:pk>/", views.document, name="document"),
    path("ingest/documents/<int:pk>/bulk/", views.bulk, name="bulk"),
    path("ingest/items/<int:pk>/accept/", views.accept, name="accept"),
    path("ingest/items/<int:pk>/reject/", views.reject, name="reject"),
    path("ingest/items/<int:pk>/edit/", views.edit, name="edit"),
]
