"""Bulk operations: side effects that would run once per saved row (such as re-indexing for search)
can be deferred to the end of the operation and run once per distinct key.

    with transaction.atomic(), bulk_operation():
        ...  # thousands of saves

Inside the block, `defer(key, fn)` stores `fn` (the last one per key wins) and returns True, and
`bucket(name, flush)` returns a dict shared by the whole operation that `flush(dict)` receives at the end.
Deferred work runs, in first-deferred order, when the block ends without an exception (still inside the
caller's transaction). Outside a block, `defer` returns False and `bucket` None: callers do the work at once.
"""

import contextvars
from contextlib import contextmanager

_pending: contextvars.ContextVar[dict | None] = contextvars.ContextVar("colloquy_bulk", default=None)


def defer(key, fn) -> bool:
    pending = _pending.get()
    if pending is None:
        return False
    pending[key] = fn
    return True


def bucket(name: str, flush) -> dict | None:
    pending = _pending.get()
    if pending is None:
        return None
    key = ("bucket", name)
    if key not in pending:
        items: dict = {}
        pending[key] = lambda: flush(items)
        pending[key].items = items
    return pending[key].items


@contextmanager
def bulk_operation():
    if _pending.get() is not None:  # nested: the outer block flushes
        yield
        return
    pending: dict = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for fn in pending.values():  # only reached when the block raised nothing
        fn()
