from django.urls import path

from colloquy.outcomes.views import desk, exports, followup, public, rounds, tags, tracking

app_name = "outcomes"

urlpatterns = [
    path("outcomes/", public.dashboard, name="dashboard"),
    path("outcomes/recommendations/", public.recommendation_list, name="recommendations"),
    path("outcomes/recommendations/<int:pk>/", public.recommendation_detail, name="recommendation"),
    path("outcomes/recommendations/<int:pk>/report/", followup.report_on_recommendation, name="report_recommendation"),
    path("outcomes/recommendations/<int:pk>/respond/", tracking.respond, name="respond"),
    path("outcomes/clusters/", tracking.cluster_list, name="clusters"),
    path("outcomes/clusters/confirm/", tracking.cluster_confirm, name="cluster_confirm"),
    path("outcomes/clusters/<int:pk>/", tracking.cluster_detail, name="cluster"),
    path("outcomes/clusters/<int:pk>/remove/<int:rec_pk>/", tracking.cluster_remove, name="cluster_remove"),
    path("outcomes/practices/", public.practice_list, name="practices"),
    path("outcomes/practices/<int:pk>/", public.practice_detail, name="practice"),
    path("outcomes/commitments/", public.commitment_list, name="commitments"),
    path("outcomes/commitments/<int:pk>/", public.commitment_detail, name="commitment"),
    path("outcomes/commitments/<int:pk>/report/", followup.report_on_commitment, name="report_commitment"),
    path("outcomes/follow-up/", followup.followup_home, name="followup"),
    path("outcomes/reports/<int:pk>/submit/", followup.report_submit, name="report_submit"),
    path("outcomes/evidence/<int:pk>/", followup.evidence_file, name="evidence"),
    path("outcomes/reports/<int:pk>/discard/", followup.report_discard, name="report_discard"),
    path("outcomes/rounds/", rounds.round_list, name="rounds"),
    path("outcomes/rounds/new/", rounds.round_new, name="round_new"),
    path("outcomes/rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("outcomes/rounds/<int:pk>/close/", rounds.round_set_state, {"action": "close"}, name="round_close"),
    path("outcomes/rounds/<int:pk>/reopen/", rounds.round_set_state, {"action": "reopen"}, name="round_reopen"),
    path("outcomes/tags/", tags.tag_queue, name="tag_queue"),
    path("outcomes/tags/<str:kind>/<int:pk>/", tags.tag_review, name="tags"),
    path("outcomes/tags/<str:kind>/<int:pk>/decide/", tags.tag_decide, name="tag_decide"),
    path("desk/events/<slug:slug>/outcomes/", desk.desk, name="desk"),
    path("desk/events/<slug:slug>/outcomes/bulk/", desk.desk_bulk, name="desk_bulk"),
    path("desk/events/<slug:slug>/outcomes/<str:kind>/new/", desk.desk_new, name="desk_new"),
    path("desk/outcomes/suggest/", desk.desk_suggest, name="desk_suggest"),
    path("desk/outcomes/<str:kind>/<int:pk>/edit/", desk.desk_edit, name="desk_edit"),
    path("desk/outcomes/<str:kind>/<int:pk>/<str:action>/", desk.desk_item, name="desk_item"),
    path("outcomes/export/<str:kind>.<str:fmt>", exports.export, name="export"),
]
