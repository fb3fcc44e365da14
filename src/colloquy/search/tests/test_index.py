"""The index follows every create, update and delete, and shows each actor only what they may see."""

import pytest
from django.core.management import call_command

from colloquy.search.models import SearchEntry


def ids_for(result, kind):
    return {h.object_id for h in result.hits if h.kind == kind}


def test_updating_document_text_replaces_its_passages(archive, run):
    doc = archive["docs"]["climate"]
    assert doc.pk in ids_for(run("desertification"), "passage")
    doc.text = "Glacier melt in mountain valleys changes seasonal herding routes."
    doc.save()
    assert doc.pk not in ids_for(run("desertification"), "passage")
    assert doc.pk in ids_for(run("glacier herding"), "passage")


def test_deleting_a_document_removes_all_its_entries(archive, run):
    doc = archive["docs"]["trafficking"]
    doc.delete()
    assert not SearchEntry.objects.filter(kind__in=["document", "passage"], object_id=doc.pk).exists()
    assert run("trafficking").total == 0


def test_unchanged_passages_keep_their_rows_when_a_record_is_saved_again(archive):
    doc = archive["docs"]["return"]
    before = set(SearchEntry.objects.filter(kind="passage", object_id=doc.pk).values_list("pk", flat=True))
    doc.save()
    after = set(SearchEntry.objects.filter(kind="passage", object_id=doc.pk).values_list("pk", flat=True))
    assert before == after and before


def test_event_rename_is_searchable_at_once_and_old_title_is_gone(archive, run):
    event = archive["gfmd_event"]
    event.title = "Quayside summit"
    event.save()
    assert event.pk in ids_for(run("quayside"), "event")
    assert run("Brussels meeting", filters={"kind": ["event"]}).total == 0


def test_organization_is_found_by_acronym_and_alias(archive, run):
    iom = archive["iom"]
    assert iom.pk in ids_for(run("IOM"), "organization")
    assert iom.pk in ids_for(run("organisation internationale migrations"), "organization")


def test_adding_an_alias_reindexes_its_organization(archive, run):
    from colloquy.directory.models import OrganizationAlias

    alias = OrganizationAlias.objects.create(organization=archive["ngo"], name="Salvataggio Porto")
    assert archive["ngo"].pk in ids_for(run("salvataggio"), "organization")
    alias.delete()
    assert archive["ngo"].pk not in ids_for(run("salvataggio"), "organization")


def test_people_who_do_not_consent_are_never_indexed(archive, run):
    from colloquy.directory.models import Person

    assert run("Okonkwo").total == 1
    assert run("Quillfeather").total == 0
    amina = Person.objects.get(name__startswith="Amina")
    amina.consents_to_publication = False
    amina.save()
    assert run("Okonkwo").total == 0


def test_restricted_and_draft_documents_are_hidden_from_the_public(archive, run, focal_point, make_user):
    from colloquy.core.access import SYSTEM

    anonymous = None
    assert run("quota arrangements", actor=anonymous).total == 0
    assert run("quota arrangements", actor=make_user()).total == 0
    assert run("quota arrangements", actor=focal_point).total >= 1  # Ghana is a member State of IDM
    assert run("quota arrangements", actor=SYSTEM).total >= 1
    assert run("zeppelin", actor=anonymous).total == 0
    assert run("zeppelin", actor=SYSTEM).total >= 1


def test_members_of_the_forum_see_its_restricted_documents(archive, run, make_user, make_government):
    from colloquy.directory.models import Membership

    country = make_government("SEN", name="Senegal")
    Membership.objects.create(organization=country, forum=archive["idm"], status="member_state")
    member = make_user(organization=country)
    assert run("quota arrangements", actor=member).total >= 1


def test_draft_outcomes_are_hidden_until_published(archive, run):
    rec = archive["recommendation"]
    rec.published = False
    rec.save()
    assert rec.pk not in ids_for(run("abolish recruitment", actor=None), "recommendation")
    rec.published = True
    rec.save()
    assert rec.pk in ids_for(run("abolish recruitment", actor=None), "recommendation")


def test_changing_gcm_objectives_updates_the_facet(archive, run):
    from colloquy.reference.models import GcmObjective

    rec = archive["recommendation2"]
    assert rec.pk not in ids_for(run("monitor", filters={"gcm": ["6"]}), "recommendation")
    rec.gcm_objectives.add(GcmObjective.objects.get_or_create(number=6, defaults={"title": "Recruitment"})[0])
    assert rec.pk in ids_for(run("monitor", filters={"gcm": ["6"]}), "recommendation")


def test_reindex_command_rebuilds_the_same_entries(archive, run):
    before = set(SearchEntry.objects.values_list("kind", "object_id", "part", "checksum"))
    SearchEntry.objects.all().delete()
    assert run("diaspora").total == 0
    call_command("reindex")
    assert set(SearchEntry.objects.values_list("kind", "object_id", "part", "checksum")) == before
    assert run("diaspora").total >= 1


def test_every_record_kind_is_searchable(archive, run):
    kinds = {
        "document": "diaspora bonds", "passage": "desertification", "event": "intersessional",
        "organization": "harbour rescue", "person": "okonkwo", "cycle": "partnerships",
        "theme": "development labour mobility", "key_message": "coherence", "recommendation": "abolish",
        "good_practice": "orientation", "commitment": "lifeguards",
    }
    for kind, q in kinds.items():
        assert any(h.kind == kind for h in run(q, per_page=50).hits), kind


@pytest.mark.django_db
def test_sessions_are_indexed_with_public_speaker_names_only(make_event, make_session, make_person, run):
    from colloquy.dialogues.models import SessionParticipant

    session = make_session(make_event(), title="Panel on seasonal harvests")
    SessionParticipant.objects.create(session=session, person=make_person(name="Ada Visible"))
    SessionParticipant.objects.create(session=session, person=make_person(name="Bo Secret", consents_to_publication=False))
    assert run("harvests Visible").total == 1
    assert run("harvests Secret").total == 0


def test_bulk_csv_import_leaves_the_index_complete(db, client):
    from colloquy.core.access import SYSTEM
    from colloquy.dialogues.importing import events_import_csv
    from colloquy.search.models import SearchEntry

    header = "year,forum,event_title,kind,start_date,end_date,city,venue,overarching_theme,participants_total,source_url\n"
    rows = "".join(f"2010,IDM,Bulk seminar on cartography {i},seminar,2010-05-{i + 1:02d},,Geneva,,,,\n" for i in range(5))
    events_import_csv(actor=SYSTEM, data=header + rows)
    assert SearchEntry.objects.filter(kind="event").count() == 5
    data = client.get("/api/search", {"q": "cartography"}).json()
    assert data["total"] == 5


def test_bulk_operation_skips_records_deleted_before_the_end(db, make_event):
    from django.db import transaction

    from colloquy.core.bulk import bulk_operation
    from colloquy.search.models import SearchEntry

    with transaction.atomic(), bulk_operation():
        event = make_event(title="Short-lived workshop")
        event.delete()
    assert not SearchEntry.objects.filter(kind="event", title__icontains="Short-lived").exists()
