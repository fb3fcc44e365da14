from django.urls import path
from django.views.generic import RedirectView

app_name = "outcomes"

# Placeholder routes so models can reverse their URLs; the outcomes views replace these.
urlpatterns = [
    path("recommendations/<int:pk>/", RedirectView.as_view(url="/"), name="recommendation"),
    path("practices/<int:pk>/", RedirectView.as_view(url="/"), name="practice"),
    path("commitments/<int:pk>/", RedirectView.as_view(url="/"), name="commitment"),
]
