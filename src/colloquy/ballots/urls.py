from django.urls import path

from colloquy.ballots import views

app_name = "ballots"

urlpatterns = [
    path("ballots/", views.ballot_list, name="list"),
    path("ballots/new/", views.ballot_create, name="create"),
    path("ballots/<int:pk>/", views.ballot_detail, name="detail"),
    path("ballots/<int:pk>/cast/", views.ballot_cast, name="cast"),
    path("ballots/<int:pk>/receipt/", views.ballot_receipt, name="receipt"),
    path("ballots/<int:pk>/results/", views.ballot_results_page, name="results"),
    path("ballots/<int:pk>/log/", views.ballot_log, name="log"),
    path("ballots/<int:pk>/head.json", views.ballot_head, name="head"),
    path("ballots/<int:pk>/open/", views.ballot_open, name="open"),
    path("ballots/<int:pk>/close/", views.ballot_close, name="close"),
    path("ballots/<int:pk>/cancel/", views.ballot_cancel, name="cancel"),
    path("ballots/<int:pk>/decide/", views.ballot_decide, name="decide"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/proposals/", views.proposal_create, name="proposal_create"),
    path("consultations/<int:pk>/meetings/", views.meeting_link, name="meeting_link"),
    path("consultations/<int:pk>/state/", views.consultation_toggle, name="consultation_toggle"),
    path("consultations/<int:pk>/suggest/", views.suggestion_submit, name="suggest"),
    path("consultations/<int:pk>/carry-over/", views.proposal_carry_over, name="carry_over"),
    path("suggestions/<int:pk>/merge/", views.suggestion_merge, name="merge"),
    path("suggestions/<int:pk>/decline/", views.suggestion_decline, name="decline"),
]
