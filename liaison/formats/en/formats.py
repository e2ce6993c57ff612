"""English as read in Belgium: dates day first (06/12/2026), decimals with a point (1,234.5)."""

from liaison.formats.belgium import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
