import pytest


@pytest.fixture
def make_recommendation(db, make_event):
    from colloquy.outcomes.models import Recommendation
    from colloquy.reference.models import GcmObjective

    def make(text="States should improve migration data.", event=None, addressed=(), objectives=(), **kw):
        rec = Recommendation.objects.create(text=text, event=event or make_event(), **kw)
        rec.addressed_organizations.set(addressed)
        rec.gcm_objectives.set(GcmObjective.objects.filter(number__in=objectives))
        return rec

    return make


@pytest.fixture
def make_practice(db, make_event):
    from colloquy.outcomes.models import GoodPractice
    from colloquy.reference.models import GcmObjective

    def make(title="A one-stop centre for returning migrants", objectives=(), event=None, **kw):
        practice = GoodPractice.objects.create(title=title, event=event or make_event(), **kw)
        practice.gcm_objectives.set(GcmObjective.objects.filter(number__in=objectives))
        return practice

    return make


@pytest.fixture
def make_commitment(db, make_event):
    from colloquy.outcomes.models import Commitment
    from colloquy.reference.models import GcmObjective

    def make(organization, text="We will publish annual labour migration statistics.", objectives=(), event=None, **kw):
        commitment = Commitment.objects.create(organization=organization, text=text, event=event or make_event(), **kw)
        commitment.gcm_objectives.set(GcmObjective.objects.filter(number__in=objectives))
        return commitment

    return make


@pytest.fixture
def kenya(make_government, forum):
    from colloquy.directory.models import Membership, MembershipStatus

    org = make_government("KEN", name="Kenya")
    Membership.objects.create(organization=org, forum=forum, status=MembershipStatus.MEMBER_STATE)
    return org


@pytest.fixture
def kenya_focal_point(make_user, kenya):
    return make_user("kamau", organization=kenya, email="kamau@kenya.example")


@pytest.fixture
def world(forum, ghana, kenya, focal_point, kenya_focal_point, make_cycle, make_event, make_government,
          make_recommendation, make_commitment, make_practice):
    """A small, hand-computed follow-up world (see test_dashboard.py for the expected numbers).

    R1 (2007, objectives 1 and 23) → Ghana: in progress then implemented; Kenya: not started.
    R2 (2008, objective 10) → Ghana: draft only; Mexico: nothing.
    C1 (2008, objective 6), Ghana's commitment: in progress.
    """
    import datetime
    from types import SimpleNamespace

    from colloquy.core.access import SYSTEM
    from colloquy.outcomes.services import commitment_report_progress, recommendation_report_progress

    mexico = make_government("MEX", name="Mexico")
    e2007 = make_event(cycle=make_cycle(forum=forum, year=2007), title="Migration and development 2007",
                       start_date=datetime.date(2007, 3, 25))
    e2008 = make_event(cycle=make_cycle(forum=forum, year=2008), title="Migration and development 2008",
                       start_date=datetime.date(2008, 10, 1))
    r1 = make_recommendation(text="States should publish migration data every year.", event=e2007,
                             addressed=[ghana, kenya], objectives=[1, 23])
    r2 = make_recommendation(text="States should protect victims of trafficking.", event=e2008,
                             addressed=[ghana, mexico], objectives=[10])
    c1 = make_commitment(ghana, text="Ghana will adopt a fair recruitment code.", event=e2008, objectives=[6])
    practice = make_practice(title="Ghana's diaspora affairs office", country="GHA", event=e2008, objectives=[19])
    recommendation_report_progress(recommendation=r1, organization=ghana, status="in_progress", actor=focal_point)
    recommendation_report_progress(recommendation=r1, organization=ghana, status="implemented",
                                   narrative="The annual migration profile is now published.", actor=focal_point)
    recommendation_report_progress(recommendation=r1, organization=kenya, status="not_started", actor=kenya_focal_point)
    recommendation_report_progress(recommendation=r2, organization=ghana, status="in_progress",
                                   narrative="Secret draft narrative", submit=False, actor=focal_point)
    commitment_report_progress(commitment=c1, status="in_progress", narrative="Code drafted.", actor=SYSTEM)
    return SimpleNamespace(r1=r1, r2=r2, c1=c1, practice=practice, mexico=mexico, e2007=e2007, e2008=e2008)


@pytest.fixture(autouse=True)
def _no_model_unless_semantic(request, monkeypatch):
    """Loading the language model takes seconds: only tests marked `semantic` use it."""
    from colloquy.outcomes.tagging import embedding

    if request.node.get_closest_marker("semantic") is None:
        monkeypatch.setenv("COLLOQUY_SEMANTIC", "0")
    else:
        monkeypatch.delenv("COLLOQUY_SEMANTIC", raising=False)
    embedding.reset()
    yield
    embedding.reset()
