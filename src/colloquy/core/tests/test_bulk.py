import pytest

from colloquy.core.bulk import bulk_operation, defer


def test_outside_a_bulk_operation_nothing_is_deferred():
    assert defer("k", lambda: None) is False


def test_deferred_work_runs_once_per_key_at_the_end_in_order():
    calls = []
    with bulk_operation():
        for i in range(3):
            assert defer("a", lambda i=i: calls.append(("a", i)))
        defer("b", lambda: calls.append(("b", 0)))
        assert calls == []
    assert calls == [("a", 2), ("b", 0)]


def test_deferred_work_is_dropped_when_the_operation_fails():
    calls = []
    with pytest.raises(RuntimeError), bulk_operation():
        defer("a", lambda: calls.append("a"))
        raise RuntimeError("boom")
    assert calls == []


def test_nested_operations_flush_once_at_the_outer_end():
    calls = []
    with bulk_operation():
        with bulk_operation():
            defer("a", lambda: calls.append("a"))
        assert calls == []
    assert calls == ["a"]


def test_a_bucket_collects_items_for_one_flush():
    from colloquy.core.bulk import bucket

    flushed = []
    assert bucket("x", flushed.append) is None
    with bulk_operation():
        bucket("x", flushed.append)["a"] = 1
        bucket("x", flushed.append)["b"] = 2
    assert flushed == [{"a": 1, "b": 2}]
