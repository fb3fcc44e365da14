import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from colloquy.core.access import SYSTEM
from colloquy.dialogues.importing import ImportValidationError, events_import_csv, parse_participants
from colloquy.dialogues.models import Cycle, Event, Forum

HEADER = "year,forum,event_title,kind,start_date,end_date,city,venue,overarching_theme,participants_total,source_url\n"
GOOD = HEADER + (
    '2006,IDM,Migrants and the Host Society,workshop,2006-07-12,2006-07-13,Geneva,,Partnerships in Migration,~175,https://example.org/a\n'
    '2007,IDM,Expert Seminar on Migration and the Environment,seminar,2007-02-22,2007-02-23,Bangkok,,,,https://example.org/b | https://example.org/c\n'
    '2006,RCP:Colombo Process,Ministerial Consultation,conference,,,,,,">800 (government participants)",\n'
)


@pytest.mark.parametrize("text,expected", [("500", 500), ("~600", 600), (">500", 500), (">800 (government participants)", 800), ("1,300", 1300)])
def test_participant_counts_keep_their_number(text, expected):
    assert parse_participants(text) == expected


def test_good_file_imports_every_row(db):
    result = events_import_csv(actor=SYSTEM, data=GOOD)
    assert result.created == 3
    assert Forum.objects.filter(slug="colombo-process").exists()
    seminar = Event.objects.get(title__startswith="Expert Seminar")
    assert seminar.kind == "seminar"
    assert seminar.timezone == "Asia/Bangkok"
    assert seminar.country == "THA"
    assert seminar.source_urls == ["https://example.org/b", "https://example.org/c"]
    workshop = Event.objects.get(title="Migrants and the Host Society")
    assert (workshop.participants_total, workshop.participants_reported) == (175, "~175")
    assert Cycle.objects.get(forum__slug="idm", year=2006).overarching_theme == "Partnerships in Migration"


def test_second_import_of_the_same_file_changes_nothing(db):
    from colloquy.audit.models import AuditEntry

    events_import_csv(actor=SYSTEM, data=GOOD)
    entries = AuditEntry.objects.count()
    result = events_import_csv(actor=SYSTEM, data=GOOD)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert Event.objects.count() == 3
    assert AuditEntry.objects.count() == entries


def test_bad_file_reports_every_problem_and_imports_nothing(db):
    bad = HEADER + (
        "2006,IDM,Fine row,workshop,2006-07-12,2006-07-13,Geneva,,,,\n"
        "2007,IDM,Bad date,workshop,12/07/2007,,Geneva,,,,\n"
        "2008,IDM,Backwards,workshop,2008-07-13,2008-07-12,Geneva,,,,\n"
        "20x9,IDM,,party,,,,,,lots,\n"
    )
    with pytest.raises(ImportValidationError) as info:
        events_import_csv(actor=SYSTEM, data=bad)
    errors = info.value.errors
    assert "line 3, column start_date: '12/07/2007' is not a date in the form YYYY-MM-DD" in errors
    assert any(e.startswith("line 4, column end_date: the end date 2008-07-12 is before the start date") for e in errors)
    assert any(e.startswith("line 5, column year:") for e in errors)
    assert "line 5, column event_title: required value is empty" in errors
    assert any(e.startswith("line 5, column kind: unknown kind 'party'") for e in errors)
    assert any(e.startswith("line 5, column participants_total:") for e in errors)
    assert not Event.objects.exists()
    assert not Forum.objects.exists()


def test_missing_required_column_is_named(db):
    with pytest.raises(ImportValidationError, match="line 1, column kind: required column is missing"):
        events_import_csv(actor=SYSTEM, data="year,forum,event_title\n2006,IDM,X\n")


def test_cli_import_exits_1_and_prints_problems(db, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "2007,IDM,Bad date,workshop,2007-13-01,,,,,,\n")
    with pytest.raises(CommandError) as info:
        call_command("import_events", str(path))
    assert info.value.returncode == 1
    assert "line 2, column start_date" in capsys.readouterr().err
    assert not Event.objects.exists()


def test_cli_import_of_good_file_reports_counts(db, tmp_path, capsys):
    path = tmp_path / "good.csv"
    path.write_text(GOOD)
    call_command("import_events", str(path))
    assert "3 created, 0 updated, 0 unchanged" in capsys.readouterr().out


def test_non_utf8_file_is_refused_with_a_message(db):
    with pytest.raises(ImportValidationError, match="not UTF-8"):
        events_import_csv(actor=SYSTEM, data=HEADER.encode() + "2006,IDM,Caf\xe9,workshop,,,,,,,\n".encode("latin-1"))


def test_empty_cells_never_erase_what_the_record_knows(db):
    events_import_csv(actor=SYSTEM, data=GOOD)
    event = Event.objects.get(title="Migrants and the Host Society")
    event.room = "Room XVII"
    event.save()
    sparse = HEADER + "2006,IDM,Migrants and the Host Society,workshop,,,,,,,\n"
    result = events_import_csv(actor=SYSTEM, data=sparse)
    assert result.unchanged == 1
    event.refresh_from_db()
    assert (event.city, event.participants_total, event.room) == ("Geneva", 175, "Room XVII")


def test_a_changed_cell_updates_the_event_and_is_audited(db):
    from colloquy.audit.models import AuditEntry

    events_import_csv(actor=SYSTEM, data=GOOD)
    result = events_import_csv(actor=SYSTEM, data=GOOD.replace("~175", "~180"))
    assert (result.updated, result.unchanged) == (1, 2)
    entry = AuditEntry.objects.get(action="event.update")
    assert (entry.before["participants_reported"], entry.after["participants_reported"]) == ("~175", "~180")


def test_re_import_keeps_a_time_zone_the_secretariat_set_unless_the_city_changes(db):
    events_import_csv(actor=SYSTEM, data=GOOD)
    seminar = Event.objects.get(title__startswith="Expert Seminar")
    seminar.timezone = "Asia/Ho_Chi_Minh"
    seminar.save()
    events_import_csv(actor=SYSTEM, data=GOOD)
    seminar.refresh_from_db()
    assert seminar.timezone == "Asia/Ho_Chi_Minh"
    events_import_csv(actor=SYSTEM, data=GOOD.replace("2007-02-23,Bangkok", "2007-02-23,Manila"))
    seminar.refresh_from_db()
    assert (seminar.city, seminar.timezone) == ("Manila", "Asia/Manila")


def test_forums_and_cycles_the_import_creates_are_audited_as_their_services_do(db):
    from colloquy.audit.models import AuditEntry

    result = events_import_csv(actor=SYSTEM, data=GOOD)
    assert (result.forums_created, result.cycles_created) == (2, 3)
    created = AuditEntry.objects.filter(action__in=["forum.create", "cycle.create"])
    assert created.count() == 5 and set(created.values_list("note", flat=True)) == {"csv import"}


def test_a_cycle_without_a_theme_gets_it_from_a_later_row_once(db):
    events_import_csv(actor=SYSTEM, data=HEADER + "2006,IDM,First,workshop,,,,,,,\n")
    result = events_import_csv(actor=SYSTEM, data=HEADER + "2006,IDM,Second,workshop,,,,,Partnerships,,\n"
                                                            "2006,IDM,Third,workshop,,,,,Another theme,,\n")
    assert result.cycles_created == 0
    assert Cycle.objects.get(forum__slug="idm", year=2006).overarching_theme == "Partnerships"


def test_a_forum_name_longer_than_the_record_allows_is_a_line_and_column_error(db):
    with pytest.raises(ImportValidationError) as info:
        events_import_csv(actor=SYSTEM, data=HEADER + f"2006,{'F' * 201},Too long,workshop,,,,,,,\n")
    assert info.value.errors == ["line 2, column forum: longer than 200 characters"]
    assert not Forum.objects.exists()
