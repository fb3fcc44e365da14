from django.urls import path

from colloquy.drafting import views

app_name = "drafting"

urlpatterns = [
    path("documents/drafts/", views.draft_list, name="list"),
    path("documents/drafts/new/<str:kind>/", views.draft_generate, name="generate"),
    path("documents/drafts/<int:pk>/", views.draft_detail, name="draft"),
    path("documents/drafts/<int:pk>/issue/", views.draft_issue, name="issue"),
    path("documents/drafts/<int:pk>/revise/", views.draft_revise, name="revise"),
    path("documents/drafts/<int:pk>/file.<str:fmt>", views.draft_download, name="download"),
    path("documents/templates/<str:kind>/<str:language>/", views.template_edit, name="template"),
]
