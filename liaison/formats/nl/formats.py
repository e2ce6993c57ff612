"""Belgian formats for the portal in Dutch (nl-BE): 06/12/2026, 1.234,5."""

from liaison.formats.belgium import *  # noqa: F403
