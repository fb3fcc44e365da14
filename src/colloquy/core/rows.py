"""Model instances from fixed SQL, for the few hot statements where compiling an ORM query per request (or a
RawQuerySet's per-call column introspection) costs more CPU than the query itself.

    BALLOT = RowLoader(Ballot, "b")
    cursor.execute(f"SELECT {BALLOT.columns} FROM ballots_ballot b WHERE b.id = %s", [pk])
    ballot = BALLOT.load(cursor.fetchone())

The instance is what the ORM would build: every concrete field, converted from the driver's value as the ORM
converts it (e.g. aware datetimes and JSON on SQLite), marked as loaded from the database.
"""

from django.db import connections


class RowLoader:
    def __init__(self, model, alias: str, using: str = "default"):
        self.model = model
        self.using = using
        fields = model._meta.concrete_fields
        connection = connections[using]
        quote = connection.ops.quote_name
        self.names = [f.attname for f in fields]
        self.columns = ", ".join(f"{alias}.{quote(f.column)}" for f in fields)
        self.width = len(fields)
        self._converters = []
        for i, f in enumerate(fields):
            col = f.get_col(alias)
            found = connection.ops.get_db_converters(col) + f.get_db_converters(connection)
            if found:
                self._converters.append((i, col, found))

    def load(self, values):
        """An instance from the row's values (None for None, or for an all-NULL outer-joined row)."""
        if values is None or values[0] is None:
            return None
        values = list(values)
        connection = connections[self.using]
        for i, col, functions in self._converters:
            for convert in functions:
                values[i] = convert(values[i], col, connection)
        return self.model.from_db(self.using, self.names, values)
