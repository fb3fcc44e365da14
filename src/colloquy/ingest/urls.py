from django.urls import path

from colloquy.ingest.views import edit, queue, review, upload

app_name = "ingest"

urlpatterns = [
    path("ingest/", queue.queue, name="queue"),
    path("ingest/upload/", upload.upload, name="upload"),
    path("ingest/uploads/<str:task_id>/", upload.progress, name="progress"),
    path("ingest/documents/<int:pk>/", review.document, name="document"),
    path("ingest/documents/<int:pk>/bulk/", review.bulk, name="bulk"),
    path("ingest/documents/<int:pk>/date/", review.document_date, name="document_date"),
    path("ingest/items/<int:pk>/accept/", review.accept, name="accept"),
    path("ingest/items/<int:pk>/reject/", review.reject, name="reject"),
    path("ingest/items/<int:pk>/edit/", edit.edit, name="edit"),
]
