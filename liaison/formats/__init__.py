"""Belgian date and number formats (FORMAT_MODULE_PATH), for each language of the portal.

Django's own ``nl`` formats are those of the Netherlands (6-12-2026) and its ``en``
ones American (12/19/2026); Belgians write 06/12/2026 in every language, and 1.234,5
in Dutch and French. The numbers of the portal (ids, years, references) are shown
without a thousands separator (USE_THOUSAND_SEPARATOR stays off); a count that should
read 1.234 asks for it with ``|floatformat:"g"``.
"""
