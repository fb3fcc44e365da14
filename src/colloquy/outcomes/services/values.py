"""Cleaning of the numbers follow-up records carry (indicator values, baselines, targets)."""

import decimal

from django.utils.translation import gettext

from colloquy.core.errors import DomainError


def clean_number(value, field="indicator_value"):
    if value is None or value == "":
        return None
    try:
        number = decimal.Decimal(str(value).strip().replace(",", ""))
    except decimal.InvalidOperation as exc:
        raise DomainError(gettext('Indicator value %(str)s is not a number.') % {'str': repr(str(value))}, field=field) from exc
    if not number.is_finite() or abs(number) >= 10**14:
        raise DomainError(gettext('Indicator value %(str)s is out of range (at most 14 digits before the decimal point).') % {'str': repr(str(value))},
                          field=field)
    return number.quantize(decimal.Decimal("0.01"))
