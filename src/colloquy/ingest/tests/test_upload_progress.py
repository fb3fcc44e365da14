"""Uploads through the queue (database backend): the page shows progress until `colloquy worker` has ingested the
file, then the proposals; a refused file shows its reason (ingest/background.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from colloquy.ingest.background import AREA, upload_storage
from colloquy.ingest.models import Proposal, SourceFile
from colloquy.ingest.tests.conftest import FIXTURES, make_pdf
from colloquy.testing import browser_login, wait_for


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("worker", "--batch", "--no-schedule", verbosity=0)


def stored_uploads() -> list[str]:
    storage = upload_storage()
    return storage.listdir(AREA)[1] if storage.exists(AREA) else []


def test_an_upload_waits_for_the_worker_then_leads_to_its_proposals(transactional_db, database_queue, client,
                                                                    secretariat, fixture_bytes):
    client.force_login(secretariat)
    before = set(stored_uploads())
    response = client.post(reverse("ingest:upload"),
                           {"file": SimpleUploadedFile("note.txt", fixture_bytes("note-synthetic.txt"))})
    assert response.status_code == 302 and "/ingest/uploads/" in response["Location"]
    progress = response["Location"]
    page = client.get(progress).content.decode()
    assert "Waiting for the worker" in page and 'hx-trigger="every 2s"' in page
    assert not SourceFile.objects.exists() and len(set(stored_uploads()) - before) == 1  # kept for the worker

    run_worker()
    polled = client.get(progress, headers={"HX-Request": "true"})
    source = SourceFile.objects.get(name="note.txt")
    assert polled.status_code == 204 and polled["HX-Redirect"] == reverse("ingest:document", args=[source.pk])
    assert Proposal.objects.filter(source=source).exists()
    assert set(stored_uploads()) == before  # the worker removed the file it ingested
    document = client.get(polled["HX-Redirect"]).content.decode()
    assert "items proposed for review" in document


def test_a_refused_file_shows_its_reason_once_the_worker_has_read_it(transactional_db, database_queue, client,
                                                                     secretariat):
    import pymupdf

    client.force_login(secretariat)
    pdf = make_pdf(["Secret"], encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="u")
    progress = client.post(reverse("ingest:upload"), {"file": SimpleUploadedFile("s.pdf", pdf)})["Location"]
    run_worker()
    fragment = client.get(progress, headers={"HX-Request": "true"}).content.decode()
    assert "s.pdf: the PDF is encrypted" in fragment
    assert "hx-trigger" not in fragment  # done: the page stops polling
    assert not SourceFile.objects.exists()


def test_only_the_secretariat_sees_an_upload_and_only_uploads_have_a_progress_page(
        transactional_db, database_queue, client, secretariat, focal_point, fixture_bytes):
    from colloquy.core import tasks
    from colloquy.core.tests.sample_tasks import write_twice

    client.force_login(secretariat)
    progress = client.post(reverse("ingest:upload"),
                           {"file": SimpleUploadedFile("note.txt", fixture_bytes("note-synthetic.txt"))})["Location"]
    other = tasks.enqueue_now(write_twice, "not-an-upload")
    assert client.get(reverse("ingest:progress", args=[other.id])).status_code == 404
    assert client.get(reverse("ingest:progress", args=["no-such-task"])).status_code == 404
    client.force_login(focal_point)
    assert client.get(progress).status_code == 403


@pytest.mark.e2e
def test_the_upload_page_shows_progress_and_then_the_proposals(browser, live_server, secretariat, database_queue):
    from selenium.webdriver.common.by import By

    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + "/ingest/")
    browser.find_element(By.ID, "upload-file").send_keys(str(FIXTURES / "report-synthetic.txt"))
    browser.find_element(By.CSS_SELECTOR, "#upload-form button[type=submit]").click()
    state = wait_for(browser, lambda d: d.find_element(By.ID, "upload-state"))
    assert "Waiting for the worker" in state.text and "/ingest/uploads/" in browser.current_url
    run_worker()  # the page polls with htmx and moves on by itself
    event_item = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, 'li.proposal[data-kind="event"]'),
                          timeout=30)
    assert "/ingest/documents/" in browser.current_url
    assert "Workshop on Labour Mobility and Skills" in event_item.text
    assert "items proposed for review" in browser.page_source
