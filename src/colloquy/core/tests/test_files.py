"""Restricted files: unguessable names, served only through the access-checked views (streamed, or handed to
nginx/Apache), never by path, and the development /media/ route refuses them however the path is spelled."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models

from colloquy.core import files
from colloquy.dialogues.models import Document
from colloquy.registration.models import PrivateStorage, Registration

HEX_NAME = re.compile(r"^documents/[0-9a-f]{32}/minutes\.pdf$")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.COLLOQUY_SENDFILE = ""


@pytest.fixture
def restricted_document(forum):
    return Document.objects.create(title="Closed-door minutes", forum=forum, access="restricted",
                                   file=ContentFile(b"%PDF-1.4 restricted minutes", name="minutes.pdf"))


@pytest.fixture
def public_document(forum):
    return Document.objects.create(title="Discussion note", forum=forum, access="public",
                                   file=ContentFile(b"%PDF-1.4 public note", name="note.pdf"))


@pytest.fixture
def nomination(make_event, ghana):
    return Registration.objects.create(
        event=make_event(), organization=ghana, organization_name=ghana.name, category="governments",
        contact_email="focal@ghana.example", nomination_letter=ContentFile(b"Note verbale", name="note verbale.pdf"))


def test_new_uploads_are_stored_under_unguessable_names_that_keep_the_original_name(forum):
    first = Document.objects.create(title="A", forum=forum, file=ContentFile(b"a", name="minutes.pdf"))
    second = Document.objects.create(title="B", forum=forum, file=ContentFile(b"b", name="minutes.pdf"))
    assert HEX_NAME.match(first.file.name) and HEX_NAME.match(second.file.name)
    assert first.file.name != second.file.name
    assert files.unguessable_name("documents", "../../etc/passwd").endswith("/passwd")


def test_nomination_letters_are_stored_under_unguessable_names_outside_media_root(nomination, settings):
    assert re.match(rf"^registration/{nomination.event_id}/nominations/[0-9a-f]{{32}}/note_verbale\.pdf$",
                    nomination.nomination_letter.name)
    assert Path(nomination.nomination_letter.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)


def test_every_file_field_is_kept_off_the_media_route():
    """Each FileField stores outside MEDIA_ROOT or in a folder the development route refuses."""
    fields = [(model, field) for model in apps.get_models() for field in model._meta.get_fields()
              if isinstance(field, models.FileField)]
    assert {model.__name__ for model, _ in fields} >= {"Document", "Evidence", "Registration"}
    for model, field in fields:
        name = field.generate_filename(model(event_id=1) if model is Registration else model(), "x.pdf")
        assert isinstance(field.storage, PrivateStorage) or files.is_restricted_media(name), (model, name)


def test_an_anonymous_visitor_gets_a_public_document_but_not_a_restricted_one(client, public_document,
                                                                             restricted_document):
    response = client.get(f"/documents/{public_document.pk}/file/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 public note"
    assert 'filename="note.pdf"' in response["Content-Disposition"]
    assert client.get(f"/documents/{restricted_document.pk}/file/").status_code == 404


def test_a_member_gets_a_restricted_document_streamed_and_kept_out_of_shared_caches(client, focal_point,
                                                                                    restricted_document):
    client.force_login(focal_point)
    response = client.get(f"/documents/{restricted_document.pk}/file/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 restricted minutes"
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="minutes.pdf"' in response["Content-Disposition"]


def test_behind_nginx_the_view_answers_with_x_accel_redirect_to_the_internal_location(client, settings, focal_point,
                                                                                      restricted_document):
    settings.COLLOQUY_SENDFILE = "nginx"
    assert client.get(f"/documents/{restricted_document.pk}/file/").status_code == 404  # anonymous: still refused
    client.force_login(focal_point)
    response = client.get(f"/documents/{restricted_document.pk}/file/")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected/media/" + restricted_document.file.name
    assert response.content == b""  # nginx sends the bytes
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="minutes.pdf"' in response["Content-Disposition"]


def test_behind_nginx_a_nomination_letter_maps_to_the_private_location(client, settings, secretariat, nomination):
    settings.COLLOQUY_SENDFILE = "nginx"
    client.force_login(secretariat)
    response = client.get(f"/registrations/{nomination.pk}/nomination-letter/")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected/private/" + nomination.nomination_letter.name
    assert "attachment" in response["Content-Disposition"] and "note_verbale.pdf" in response["Content-Disposition"]


def test_behind_apache_the_view_answers_with_x_sendfile_and_the_files_path(client, settings, focal_point,
                                                                           restricted_document):
    settings.COLLOQUY_SENDFILE = "apache"
    client.force_login(focal_point)
    response = client.get(f"/documents/{restricted_document.pk}/file/")
    assert response["X-Sendfile"] == str(Path(restricted_document.file.path).resolve())
    assert response.content == b""


def test_a_missing_file_is_a_404_in_every_mode(client, settings, secretariat, restricted_document):
    Path(restricted_document.file.path).unlink()
    client.force_login(secretariat)
    for mode in ("", "nginx", "apache"):
        settings.COLLOQUY_SENDFILE = mode
        assert client.get(f"/documents/{restricted_document.pk}/file/").status_code == 404, mode


# --- The development /media/ route (issue 15, item 7) ---------------------------------------------------------

def _spellings(name: str) -> list[str]:
    return [name, f"./{name}", f"/{name}", f"x/../{name}", f"{name.split('/')[0]}/./{'/'.join(name.split('/')[1:])}",
            f"{name.split('/')[0]}//{'/'.join(name.split('/')[1:])}"]


@pytest.mark.urls("colloquy.core.tests.urls_debug_media")
@pytest.mark.parametrize("spelling", range(6))
def test_the_development_media_route_never_serves_a_restricted_document_however_the_path_is_spelled(
        client, restricted_document, spelling):
    path = _spellings(restricted_document.file.name)[spelling]
    assert client.get(f"/media/{path}").status_code == 404, path


@pytest.mark.urls("colloquy.core.tests.urls_debug_media")
@pytest.mark.parametrize("spelling", range(6))
def test_the_development_media_route_never_serves_follow_up_evidence_however_the_path_is_spelled(
        client, settings, spelling):
    name = "outcomes/evidence/" + "a" * 32 + "/draft.pdf"
    target = Path(settings.MEDIA_ROOT) / name
    target.parent.mkdir(parents=True)
    target.write_bytes(b"draft evidence")
    path = _spellings(name)[spelling]
    assert client.get(f"/media/{path}").status_code == 404, path


@pytest.mark.urls("colloquy.core.tests.urls_debug_media")
def test_the_development_media_route_still_serves_other_files_and_stays_inside_media_root(client, settings):
    public = Path(settings.MEDIA_ROOT) / "logos" / "forum.png"
    public.parent.mkdir(parents=True)
    public.write_bytes(b"png")
    assert b"".join(client.get("/media/logos/./forum.png").streaming_content) == b"png"
    (Path(settings.MEDIA_ROOT).parent / "secret.txt").write_text("outside")
    for escape in ("/media/../secret.txt", "/media/logos/../../secret.txt"):
        assert client.get(escape).status_code in (400, 404), escape


def test_without_debug_there_is_no_media_route(client, public_document):
    assert client.get(f"/media/{public_document.file.name}").status_code == 404
