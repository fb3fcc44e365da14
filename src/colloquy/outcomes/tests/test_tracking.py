"""Tracker-style follow-up: responses, indicators fed by progress reports, clusters, non-member addressees."""

import datetime
import decimal

import pytest

from colloquy.audit.models import AuditEntry
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.outcomes.clustering import suggest_clusters
from colloquy.outcomes.models import AddresseeResponse, Indicator, RecommendationCluster
from colloquy.outcomes.services import recommendation_report_progress
from colloquy.outcomes.services.tracking import cluster_create, indicator_create, response_record


@pytest.fixture
def rec(make_recommendation, ghana, kenya):
    return make_recommendation(text="States should train border officials on the rights of migrants.",
                               addressed=[ghana, kenya])


def test_focal_point_records_ghanas_response_and_it_is_audited(rec, ghana, focal_point):
    response = response_record(recommendation=rec, organization=ghana, position="supported",
                               responded_on=datetime.date(2024, 5, 2), text="Ghana supports it.",
                               responsible_institution="Ghana Immigration Service", actor=focal_point)
    assert response.get_position_display() == "Supported"
    assert AuditEntry.objects.filter(action="response.record").count() == 1


def test_recording_again_replaces_the_response_and_keeps_the_old_one_in_the_audit_log(rec, ghana, focal_point):
    response_record(recommendation=rec, organization=ghana, position="under_consideration",
                    responded_on="2024-01-10", actor=focal_point)
    response_record(recommendation=rec, organization=ghana, position="supported", responded_on="2024-05-02",
                    actor=focal_point)
    assert AddresseeResponse.objects.get(recommendation=rec, organization=ghana).position == "supported"
    last = AuditEntry.objects.filter(action="response.record").order_by("id").last()
    assert last.before["position"] == "under_consideration"


def test_another_focal_point_cannot_respond_for_ghana(rec, ghana, kenya_focal_point):
    with pytest.raises(PermissionDenied):
        response_record(recommendation=rec, organization=ghana, position="supported", responded_on="2024-05-02",
                        actor=kenya_focal_point)
    assert not AddresseeResponse.objects.exists()


def test_no_response_on_a_recommendation_not_addressed_to_the_organization(make_recommendation, ghana, focal_point):
    other = make_recommendation(addressed=[])
    with pytest.raises(PermissionDenied):
        response_record(recommendation=other, organization=ghana, position="noted", responded_on="2024-05-02",
                        actor=focal_point)


def test_unknown_position_and_future_date_are_refused_with_the_field_named(rec, ghana, focal_point):
    with pytest.raises(DomainError) as exc:
        response_record(recommendation=rec, organization=ghana, position="accepted", responded_on="2024-05-02",
                        actor=focal_point)
    assert exc.value.field == "position"
    with pytest.raises(DomainError) as exc:
        response_record(recommendation=rec, organization=ghana, position="noted", responded_on="2999-01-01",
                        actor=focal_point)
    assert exc.value.field == "responded_on"


def test_a_submitted_report_on_an_indicator_sets_its_current_value_and_progress(rec, ghana, focal_point):
    indicator = indicator_create(recommendation=rec, organization=ghana, label="Officials trained", unit="officials",
                                 baseline=0, target=200, target_date="2027-12-31", actor=focal_point)
    assert indicator.percent == 0
    draft = recommendation_report_progress(recommendation=rec, organization=ghana, status="in_progress",
                                           indicator=indicator, indicator_value="50", submit=False, actor=focal_point)
    indicator.refresh_from_db()
    assert indicator.current_value is None  # a draft does not count
    recommendation_report_progress(recommendation=rec, organization=ghana, status="in_progress", indicator=indicator,
                                   indicator_value="120", actor=focal_point)
    indicator.refresh_from_db()
    assert indicator.current_value == decimal.Decimal("120")
    assert indicator.percent == 60
    assert indicator.current_report.pk == draft.pk  # the draft, now submitted as version 1
    assert indicator.current_report.indicator_label == "Officials trained"


def test_a_falling_target_counts_down(rec, ghana, focal_point):
    indicator = indicator_create(recommendation=rec, organization=ghana, label="Days to process a visa",
                                 baseline=60, target=20, target_date="2027-12-31", actor=focal_point)
    recommendation_report_progress(recommendation=rec, organization=ghana, status="in_progress", indicator=indicator,
                                   indicator_value="30", actor=focal_point)
    indicator.refresh_from_db()
    assert indicator.percent == 75


def test_indicator_needs_a_target_other_than_its_baseline(rec, ghana, focal_point):
    with pytest.raises(DomainError) as exc:
        indicator_create(recommendation=rec, organization=ghana, label="x", baseline=5, target=5,
                         target_date="2027-12-31", actor=focal_point)
    assert exc.value.field == "target"


def test_a_report_cannot_move_another_organizations_indicator(rec, ghana, kenya, focal_point, kenya_focal_point):
    indicator = indicator_create(recommendation=rec, organization=ghana, label="Officials trained", baseline=0,
                                 target=10, target_date="2027-12-31", actor=focal_point)
    with pytest.raises(DomainError):
        recommendation_report_progress(recommendation=rec, organization=kenya, status="in_progress",
                                       indicator=indicator, indicator_value="9", actor=kenya_focal_point)
    indicator.refresh_from_db()
    assert indicator.current_value is None


def test_an_international_organization_with_a_focal_point_responds_and_reports(make_recommendation, make_organization,
                                                                                make_user):
    iom = make_organization(name="International Organization for Migration", acronym="IOM",
                            category="international_organizations")
    officer = make_user("iom-officer", organization=iom)
    rec = make_recommendation(text="IOM should support data collection.", addressed=[iom], addressee="international_organizations")
    response_record(recommendation=rec, organization=iom, position="supported", responded_on="2024-03-01", actor=officer)
    indicator = indicator_create(recommendation=rec, organization=iom, label="Countries supported", baseline=2,
                                 target=12, target_date="2026-12-31", actor=officer)
    recommendation_report_progress(recommendation=rec, organization=iom, status="in_progress", indicator=indicator,
                                   indicator_value="7", actor=officer)
    indicator.refresh_from_db()
    assert indicator.percent == 50


def test_anonymous_sees_responses_and_indicators_of_public_recommendations_only(make_recommendation, ghana,
                                                                                 secretariat, rf):
    from django.contrib.auth.models import AnonymousUser

    public = make_recommendation(text="Public one.", addressed=[ghana])
    draft = make_recommendation(text="Draft one.", addressed=[ghana], published=False)
    for r in (public, draft):
        response_record(recommendation=r, organization=ghana, position="noted", responded_on="2024-01-01", actor=secretariat)
        indicator_create(recommendation=r, organization=ghana, label="n", baseline=0, target=1,
                         target_date="2027-01-01", actor=secretariat)
    anonymous = AnonymousUser()
    assert list(AddresseeResponse.objects.visible_to(anonymous).values_list("recommendation", flat=True)) == [public.pk]
    assert list(Indicator.objects.visible_to(anonymous).values_list("recommendation", flat=True)) == [public.pk]
    assert AddresseeResponse.objects.visible_to(secretariat).count() == 2


def test_similar_recommendations_are_suggested_as_a_cluster_until_confirmed(make_recommendation, secretariat):
    a = make_recommendation(text="States should ensure access to justice for migrant workers.")
    b = make_recommendation(text="States should ensure access to justice for all migrant workers and their families.")
    make_recommendation(text="Forums should publish their agendas early.")
    suggestions = suggest_clusters(semantic=False)
    assert [[r.pk for r in s.recommendations] for s in suggestions] == [[a.pk, b.pk]]
    cluster = cluster_create(title="Access to justice", recommendations=[a.pk, b.pk], actor=secretariat)
    assert suggest_clusters(semantic=False) == []
    assert set(cluster.recommendations.all()) == {a, b}
    assert AuditEntry.objects.filter(action="cluster.create").exists()


def test_only_the_secretariat_confirms_a_cluster(make_recommendation, focal_point):
    a, b = make_recommendation(text="x one"), make_recommendation(text="x two")
    with pytest.raises(PermissionDenied):
        cluster_create(title="t", recommendations=[a, b], actor=focal_point)
    assert not RecommendationCluster.objects.exists()


def test_texts_close_in_meaning_but_not_in_wording_are_suggested_when_the_model_is_there(make_recommendation,
                                                                                          monkeypatch):
    import numpy as np

    from colloquy.outcomes import clustering

    a = make_recommendation(text="Lower the cost of sending money home.")
    b = make_recommendation(text="Reduce remittance transfer fees.")
    make_recommendation(text="Protect victims of trafficking.")
    vectors = {a.text: [1.0, 0.0], b.text: [0.9, 0.436], "Protect victims of trafficking.": [0.0, 1.0]}
    monkeypatch.setattr(clustering.embeddings, "usable", lambda: True)
    monkeypatch.setattr(clustering.embeddings, "encode", lambda texts: np.array([vectors[t] for t in texts]))
    (suggestion,) = clustering.suggest_clusters()
    assert [r.pk for r in suggestion.recommendations] == [a.pk, b.pk]
    assert suggestion.method == "semantic" and suggestion.score == 90
    assert clustering.suggest_clusters(semantic=False) == []
