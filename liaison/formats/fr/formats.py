"""Belgian formats for the portal in French (fr-BE): 06/12/2026, 1.234,5."""

from liaison.formats.belgium import *  # noqa: F403
