"""Registration screens: `desk` and `programme` for the secretariat, `public` for focal points, applicants and
everyone (printed programme, calendars, lists of participants)."""
