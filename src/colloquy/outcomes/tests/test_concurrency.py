import threading

import pytest
from django.db import connection


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_get_distinct_versions(focal_point, ghana, make_commitment):
    from colloquy.outcomes.models import ProgressReport
    from colloquy.outcomes.services import commitment_report_progress

    commitment = make_commitment(ghana)
    barrier = threading.Barrier(4)
    errors = []

    def file(i):
        try:
            barrier.wait()
            commitment_report_progress(commitment=commitment, status="in_progress", narrative=f"Report {i}",
                                       actor=focal_point)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=file, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    versions = sorted(ProgressReport.objects.filter(commitment=commitment).values_list("version", flat=True))
    assert versions == [1, 2, 3, 4]
    narratives = set(ProgressReport.objects.filter(commitment=commitment).values_list("narrative", flat=True))
    assert narratives == {f"Report {i}" for i in range(4)}
