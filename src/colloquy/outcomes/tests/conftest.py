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
