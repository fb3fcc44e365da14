"""Uploads (nomination letters, materials) are checked for size, type and content, whichever way they come in."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from colloquy.accounts.models import ApiToken
from colloquy.core.errors import DomainError
from colloquy.core.uploads import MATERIAL_TYPES, MAX_UPLOAD_BYTES, NOMINATION_TYPES, check_upload
from colloquy.dialogues.models import Document
from colloquy.registration.models import Registration, RegistrationSettings

EXE = b"MZ\x90\x00\x03\x00\x00\x00"


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("letter.pdf", EXE, "is not a .pdf file"),
    ("letter.exe", EXE, "type .exe is not accepted"),
    ("letter", b"%PDF-1.4", "type (none) is not accepted"),
    ("letter.pdf", b"", "is empty"),
    ("scan.png", b"\xff\xd8\xff\xe0 a jpeg", "is not a .png file"),
])
def test_a_nomination_letter_that_is_not_what_it_claims_is_refused_with_the_reason(name, content, problem):
    with pytest.raises(DomainError) as exc:
        check_upload(SimpleUploadedFile(name, content), allowed=NOMINATION_TYPES, what="nomination letter")
    assert problem in exc.value.message and "nomination letter" in exc.value.message


@pytest.mark.parametrize(("name", "content"), [
    ("letter.pdf", b"%PDF-1.7\n..."), ("letter.docx", b"PK\x03\x04rest"), ("scan.JPG", b"\xff\xd8\xff\xe1"),
    ("scan.png", b"\x89PNG\r\n\x1a\nrest"), ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"),
])
def test_genuine_nomination_letters_pass(name, content):
    check_upload(SimpleUploadedFile(name, content), allowed=NOMINATION_TYPES, what="nomination letter")


def test_a_file_over_the_size_limit_is_refused():
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_BYTES)
    with pytest.raises(DomainError, match="larger than 20 MB"):
        check_upload(big, allowed=NOMINATION_TYPES, what="nomination letter")


def test_plain_text_materials_must_be_text():
    check_upload(SimpleUploadedFile("notes.txt", "Résumé des débats".encode()), allowed=MATERIAL_TYPES, what="material")
    with pytest.raises(DomainError, match=r"is not a \.txt file"):
        check_upload(SimpleUploadedFile("notes.txt", b"text\x00\x01binary"), allowed=MATERIAL_TYPES, what="material")


def test_the_registration_form_refuses_a_renamed_executable_and_saves_nothing(client, reg_event, focal_point, ghana):
    RegistrationSettings.objects.filter(event=reg_event).update(note_verbale_required=True)
    client.force_login(focal_point)
    response = client.post(reverse("registration:register", args=[reg_event.slug]), {
        "contact_email": "felix@ghana.example", "nomination_letter": SimpleUploadedFile("note-verbale.pdf", EXE),
        "p-TOTAL_FORMS": "1", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "1", "p-MAX_NUM_FORMS": "60",
        "p-0-name": "Ama Mensah", "p-0-role": "head_of_delegation", "p-0-attendance": "in_person"})
    assert response.status_code == 200
    assert "is not a .pdf file" in response.content.decode()
    assert not Registration.objects.exists()


def test_the_api_refuses_a_letter_whose_content_does_not_match_its_name(client, reg_event, focal_point, ghana):
    token = ApiToken.issue(user=focal_point, name="script")[1]
    letter = {"filename": "nv.pdf", "content_base64": base64.b64encode(EXE).decode()}
    response = client.post(f"/api/registration/events/{reg_event.slug}/registrations",
                           {"contact_email": "felix@ghana.example", "participants": [{"name": "Ama Mensah"}],
                            "nomination_letter": letter},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 400
    assert "nomination letter 'nv.pdf' is not a .pdf file" in response.json()["detail"]
    assert not Registration.objects.exists()


def test_the_materials_screen_refuses_an_executable_and_names_the_accepted_types(client, reg_event, secretariat):
    client.force_login(secretariat)
    response = client.post(reverse("registration:materials", args=[reg_event.slug]), {
        "title": "Slides", "doc_type": "presentation", "language": "en", "access": "public", "session": "",
        "file": SimpleUploadedFile("slides.exe", EXE)})
    html = response.content.decode()
    assert response.status_code == 200 and "type .exe is not accepted" in html and ".pptx" in html
    assert not Document.objects.exists()
