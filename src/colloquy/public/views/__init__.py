"""The public site: `record` (the dialogue record's pages), `participation` (organizations, countries,
people), `lists` (the filtered lists)."""
