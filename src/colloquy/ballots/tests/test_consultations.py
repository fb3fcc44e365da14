"""Consultations: proposals, members' suggestions merged or declined, a meeting with minutes."""

import pytest
from django.urls import reverse

from colloquy.audit.models import AuditEntry
from colloquy.ballots import services
from colloquy.ballots.models import SuggestionStatus
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.dialogues.models import Document
from colloquy.reference.models import GcmObjective


@pytest.fixture
def consultation(secretariat, cycle):
    return services.consultation_create(actor=secretariat, cycle=cycle, title="Overarching theme for 2027")


@pytest.fixture
def proposal(secretariat, consultation):
    note = Document.objects.create(title="Discussion note on health and mobility", doc_type="discussion_note")
    return services.proposal_create(
        actor=secretariat, consultation=consultation, title="Migration and health",
        rationale="Health is a precondition for integration.",
        guiding_questions="How do States cooperate on health?\nWhat works for migrants in irregular situations?",
        gcm_objectives=GcmObjective.objects.filter(number__in=[15, 16]), documents=[note],
    )


def test_a_proposal_carries_rationale_questions_gcm_objectives_and_documents(proposal):
    assert proposal.questions == ["How do States cooperate on health?", "What works for migrants in irregular situations?"]
    assert sorted(proposal.gcm_objectives.values_list("number", flat=True)) == [15, 16]
    assert proposal.documents.get().doc_type == "discussion_note"
    assert AuditEntry.objects.for_object(proposal).get().after["gcm_objectives"] == [15, 16]


def test_a_member_suggests_an_alternative_and_the_secretariat_merges_it_as_a_new_proposal(consultation, focal_point, secretariat):
    suggestion = services.suggestion_submit(actor=focal_point, consultation=consultation, title="Labour mobility",
                                            text="Skills partnerships deserve a year of their own.")
    assert suggestion.organization.name == "Ghana"
    proposal = services.suggestion_merge(actor=secretariat, suggestion=suggestion)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.MERGED
    assert suggestion.merged_into == proposal
    assert proposal.title == "Labour mobility"


def test_declining_needs_a_reason(consultation, focal_point, secretariat):
    suggestion = services.suggestion_submit(actor=focal_point, consultation=consultation, text="Something else")
    with pytest.raises(DomainError, match="Give a reason"):
        services.suggestion_decline(actor=secretariat, suggestion=suggestion, reason="")
    services.suggestion_decline(actor=secretariat, suggestion=suggestion, reason="Covered by the 2025 cycle.")
    with pytest.raises(DomainError, match="already handled"):
        services.suggestion_merge(actor=secretariat, suggestion=suggestion)


def test_comments_on_a_proposal_are_kept_with_it(consultation, proposal, focal_point):
    comment = services.suggestion_submit(actor=focal_point, consultation=consultation, proposal=proposal,
                                         text="Please include health workforce mobility.")
    assert comment.kind == "comment"
    assert list(proposal.comments.all()) == [comment]


def test_outsiders_cannot_suggest_and_nobody_can_after_the_close(consultation, outsider, focal_point, secretariat):
    with pytest.raises(PermissionDenied):
        services.suggestion_submit(actor=outsider, consultation=consultation, text="Hello")
    services.consultation_close(actor=secretariat, consultation=consultation)
    with pytest.raises(DomainError, match="consultation is closed"):
        services.suggestion_submit(actor=focal_point, consultation=consultation, text="Late")


def test_a_consultation_meeting_is_an_event_of_kind_consultation_with_minutes(consultation, secretariat, make_event, cycle):
    meeting = make_event(cycle=cycle, title="Informal consultation on the 2027 theme", kind="consultation")
    minutes = Document.objects.create(title="Minutes of the informal consultation", doc_type="minutes", event=meeting)
    link = services.consultation_link_meeting(actor=secretariat, consultation=consultation, event=meeting, minutes=minutes)
    assert link.minutes == minutes
    workshop = make_event(cycle=cycle, title="A workshop", kind="workshop")
    with pytest.raises(DomainError, match="not an informal consultation"):
        services.consultation_link_meeting(actor=secretariat, consultation=consultation, event=workshop)
    other = Document.objects.create(title="A note", doc_type="discussion_note")
    with pytest.raises(DomainError, match="not a minutes document"):
        services.consultation_link_meeting(actor=secretariat, consultation=consultation, event=meeting, minutes=other)


def test_consultation_page_lets_members_suggest_and_the_secretariat_decline(client, consultation, proposal, focal_point,
                                                                             secretariat, outsider):
    client.force_login(focal_point)
    page = client.get(reverse("ballots:consultation", args=[consultation.pk])).content.decode()
    assert "Migration and health" in page
    assert "How do States cooperate on health?" in page
    client.post(reverse("ballots:suggest", args=[consultation.pk]), {"title": "Diaspora", "text": "Diaspora engagement"})
    suggestion = consultation.suggestions.get()
    client.force_login(secretariat)
    client.post(reverse("ballots:decline", args=[suggestion.pk]), {"reason": "Too narrow for a whole year."})
    suggestion.refresh_from_db()
    assert suggestion.status == "declined"
    client.force_login(outsider)
    assert client.get(reverse("ballots:consultation", args=[consultation.pk])).status_code == 404
    assert client.post(reverse("ballots:merge", args=[suggestion.pk])).status_code == 403


def test_secretariat_opens_a_consultation_adds_a_proposal_and_starts_a_ballot_from_it(client, secretariat, cycle):
    client.force_login(secretariat)
    response = client.post(reverse("ballots:consultation_create"),
                           {"cycle": cycle.pk, "title": "Workshop topics 2027", "level": "workshop_topic"})
    assert response.status_code == 302
    consultation = cycle.consultations.get()
    objective = GcmObjective.objects.get(number=2)
    client.post(reverse("ballots:proposal_create", args=[consultation.pk]), {
        "title": "Drivers of migration", "rationale": "Adverse drivers", "guiding_questions": "What works?",
        "gcm_objectives": [objective.pk]})
    proposal = consultation.proposals.get()
    assert list(proposal.gcm_objectives.all()) == [objective]
    page = client.get(reverse("ballots:create") + f"?consultation={consultation.pk}").content.decode()
    assert f'<option value="{consultation.pk}" selected>' in page
    assert client.get(reverse("ballots:create") + "?consultation=abc").status_code == 200
    client.post(reverse("ballots:consultation_toggle", args=[consultation.pk]))
    consultation.refresh_from_db()
    assert consultation.state == "closed"
    assert "Workshop topics 2027" in client.get(reverse("ballots:list")).content.decode()


def test_focal_point_cannot_open_consultations_or_add_proposals(client, consultation, focal_point, cycle):
    client.force_login(focal_point)
    assert client.get(reverse("ballots:consultation_create")).status_code == 403
    assert client.post(reverse("ballots:proposal_create", args=[consultation.pk]), {"title": "Mine"}).status_code == 403
    assert not consultation.proposals.exists()


def test_secretariat_links_a_meeting_with_minutes_and_the_event_page_shows_it(client, consultation, secretariat, make_event,
                                                                               cycle, focal_point):
    meeting = make_event(cycle=cycle, title="Informal consultation, 3 March", kind="consultation")
    minutes = Document.objects.create(title="Minutes, 3 March", doc_type="minutes", event=meeting)
    client.force_login(secretariat)
    page = client.get(reverse("ballots:consultation", args=[consultation.pk])).content.decode()
    assert f'<option value="{meeting.pk}">' in page
    client.post(reverse("ballots:meeting_link", args=[consultation.pk]), {"event": meeting.pk, "minutes": minutes.pk})
    link = consultation.meetings.get()
    assert (link.event, link.minutes) == (meeting, minutes)
    event_page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Theme consultation" in event_page
    assert "Minutes" in client.get(reverse("ballots:consultation", args=[consultation.pk])).content.decode()
    response = client.post(reverse("ballots:meeting_link", args=[consultation.pk]), {"event": "x"}, follow=True)
    assert "Choose the consultation meeting" in response.content.decode()
