from django.urls import path

from colloquy.registration.views import desk, programme, public

app_name = "registration"

urlpatterns = [
    # public / focal points
    path("register/", public.open_events, name="open-events"),
    path("events/<slug:slug>/register/", public.register, name="register"),
    path("registrations/<int:pk>/", public.registration_detail, name="registration-detail"),
    path("registrations/<int:pk>/edit/", public.registration_edit, name="registration-edit"),
    path("registrations/<int:pk>/nomination-letter/", public.nomination_letter, name="nomination-letter"),
    path("registrations/<int:pk>/withdraw/", public.registration_withdraw, name="registration-withdraw"),
    path("registrations/<int:pk>/offer/<str:answer>/", public.registration_offer, name="registration-offer"),
    path("events/<slug:slug>/programme.pdf", public.programme_pdf, name="programme-pdf"),
    path("events/<slug:slug>/sessions/<int:pk>.ics", public.session_ical, name="session-ical"),
    path("events/<slug:slug>/participants.pdf", public.participants_pdf, name="participants-pdf"),
    path("events/<slug:slug>/participants.csv", public.participants_csv, name="participants-csv"),
    # secretariat desk
    path("desk/", desk.desk_index, name="desk"),
    path("desk/events/<slug:slug>/programme/", programme.programme_editor, name="programme-editor"),
    path("desk/events/<slug:slug>/programme/sessions/", programme.session_new, name="session-new"),
    path("desk/sessions/<int:pk>/edit/", programme.session_edit, name="session-edit"),
    path("desk/sessions/<int:pk>/delete/", programme.session_delete, name="session-delete"),
    path("desk/sessions/<int:pk>/people/", programme.session_person_add, name="session-person-add"),
    path("desk/session-people/<int:pk>/<str:action>/", programme.session_person_change,
         name="session-person-change"),
    path("desk/events/<slug:slug>/materials/", programme.materials, name="materials"),
    path("desk/events/<slug:slug>/registrations/", desk.registrations, name="registrations"),
    path("desk/events/<slug:slug>/registrations/settings/", desk.settings_save, name="settings-save"),
    path("desk/events/<slug:slug>/registrations.<str:fmt>", desk.registrations_export, name="registrations-export"),
    path("desk/events/<slug:slug>/badges.pdf", desk.badges, name="badges"),
    path("desk/registrations/<int:pk>/state/", desk.registration_state, name="registration-state"),
]
