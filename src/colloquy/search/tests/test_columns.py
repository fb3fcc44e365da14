"""The in-memory facet columns: filters and counts over match ids, kept in step with the entries."""

import numpy as np
import pytest
from django.db import transaction

from colloquy.search import columns
from colloquy.search.models import SearchEntry


def _entry(facets: str, **kw) -> SearchEntry:
    return SearchEntry.objects.create(kind="passage", object_id=kw.pop("object_id", 1), part=kw.pop("part", 0),
                                      title="t", body="b", facets=facets, url="/x/", checksum="c", **kw)


@pytest.fixture(autouse=True)
def fresh_columns():
    columns.forget()
    yield
    columns.forget()


def _counts(cols, entries, name):
    return dict(cols.count(cols.rows_of(np.array([e.pk for e in entries])), {name})[name])


def test_counts_and_filters_over_matches_with_several_values_of_a_facet(db):
    a = _entry("kind=passage forum=idm year=2006 gcm=1 gcm=6 gcm=7", part=1)
    b = _entry("kind=passage forum=gfmd year=2007 gcm=6", part=2)
    c = _entry("kind=passage forum=idm year=2007", part=3)
    cols = columns.current()
    assert _counts(cols, [a, b, c], "gcm") == {"1": 1, "6": 2, "7": 1}
    assert _counts(cols, [a, b, c], "forum") == {"idm": 2, "gfmd": 1}
    rows = cols.rows_of(np.array([c.pk, b.pk, a.pk]))  # the order the engine gave is kept
    assert cols.ids[cols.keep(rows, [["xg7"]])].tolist() == [a.pk]  # a third value of the facet
    assert cols.ids[cols.keep(rows, [["xfidm"], ["xy2007", "xy2008"]])].tolist() == [c.pk]
    assert cols.ids[cols.keep(rows, [["xg6", "xg1"]])].tolist() == [b.pk, a.pk]
    assert cols.keep(rows, [["xfnosuchforum"]]).tolist() == []


def test_new_entries_are_appended_and_deleted_ones_never_come_back(db):
    a = _entry("kind=passage forum=idm", part=1)
    first = columns.current()
    b = _entry("kind=passage forum=gfmd", part=2)
    second = columns.current()
    assert second.max_id == b.pk > first.max_id
    assert _counts(second, [a, b], "forum") == {"idm": 1, "gfmd": 1}
    a.delete()  # an id the engine can no longer return; the columns may keep it harmlessly
    assert _counts(columns.current(), [b], "forum") == {"gfmd": 1}


@pytest.mark.django_db(transaction=True)
def test_rows_read_inside_a_rolled_back_transaction_are_not_kept():
    keep = _entry("kind=passage forum=idm", part=1)
    assert columns.current().max_id == keep.pk  # autocommit: kept
    with pytest.raises(RuntimeError), transaction.atomic():
        doomed = _entry("kind=passage forum=bali", part=2)
        assert _counts(columns.current(), [doomed], "forum") == {"bali": 1}  # seen by this transaction
        raise RuntimeError("roll back")
    # SQLite hands the rolled-back id out again; the columns must not still hold the old row.
    again = _entry("kind=passage forum=puebla", part=3)
    assert _counts(columns.current(), [keep, again], "forum") == {"idm": 1, "puebla": 1}


@pytest.mark.django_db(transaction=True)
def test_a_database_emptied_and_refilled_is_read_again():
    _entry("kind=passage forum=idm", part=1)
    _entry("kind=passage forum=idm", part=2)
    assert columns.current().max_id
    SearchEntry.objects.all().delete()
    from django.db import connection

    with connection.cursor() as cursor:  # as a restored or flushed database would
        cursor.execute("DELETE FROM sqlite_sequence WHERE name = 'search_entry'" if connection.vendor == "sqlite"
                       else "ALTER TABLE search_entry ALTER COLUMN id RESTART WITH 1")
    fresh = _entry("kind=passage forum=gfmd", part=3)
    cols = columns.current()
    assert cols.max_id == fresh.pk
    assert _counts(cols, [fresh], "forum") == {"gfmd": 1}


@pytest.mark.django_db(transaction=True)
def test_a_server_loads_the_columns_in_the_background_at_start():
    entry = _entry("kind=passage forum=idm", part=1)
    columns.forget()
    columns.warm_in_background().join(timeout=30)
    assert [state.max_id for state in columns._STATE.values()] == [entry.pk]


@pytest.mark.django_db(transaction=True)  # outside a transaction, so the columns are kept between calls
def test_after_a_reindex_replaced_every_entry_only_the_new_rows_are_held():
    old = [_entry("kind=passage forum=idm", part=i) for i in range(3)]
    assert len(columns.current().ids) == 3
    SearchEntry.objects.filter(pk__in=[e.pk for e in old]).delete()
    new = [_entry("kind=passage forum=gfmd", part=10 + i) for i in range(4)]
    cols = columns.current()
    assert sorted(cols.ids.tolist()) == sorted(e.pk for e in new)
    assert _counts(cols, new, "forum") == {"gfmd": 4}
