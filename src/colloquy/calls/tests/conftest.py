import datetime

import pytest
from django.utils import timezone

from colloquy.calls import services


@pytest.fixture
def workshop(make_cycle, make_event, forum):
    cycle = make_cycle(forum=forum, year=2027)
    return make_event(cycle=cycle, title="Workshop on labour mobility", slug="labour-2027",
                      start_date=datetime.date(2027, 4, 12))


@pytest.fixture
def open_call(secretariat, workshop):
    def make(kind="speakers", days=10, **kw):
        return services.call_open(actor=secretariat, kind=kind, title=kw.pop("title", f"Call for {kind}"),
                                  event=workshop, deadline=timezone.now() + datetime.timedelta(days=days), **kw)

    return make
