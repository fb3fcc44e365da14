from django.urls import path

from colloquy.calls import views

app_name = "calls"

urlpatterns = [
    path("calls/", views.call_list, name="list"),
    path("calls/new/", views.call_create, name="create"),
    path("calls/<int:pk>/", views.call_detail, name="detail"),
    path("calls/<int:pk>/deadline/", views.call_deadline, name="deadline"),
    path("calls/<int:pk>/answer/", views.response_submit, name="answer"),
    path("calls/answers/<int:pk>/decide/", views.response_decide, name="decide"),
    path("calls/answers/<int:pk>/file/", views.response_file, name="file"),
    path("calls/consent/<str:token>/", views.consent, name="consent"),
]
