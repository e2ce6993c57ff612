from collections.abc import Callable

from django.contrib.auth.backends import ModelBackend
from django.db.models import Expression

from accounts.models import User
from accounts.roles import ROLE_ANNOTATION, role_expression

# Name -> a callable building the expression; apps above add theirs in ready().
USER_ANNOTATIONS: dict[str, Callable[[], Expression]] = {ROLE_ANNOTATION: role_expression}


def register_user_annotation(name: str, expression: Callable[[], Expression]) -> None:
    """Load one more value with the user on every request (e.g. the valid clearance level)."""
    USER_ANNOTATIONS[name] = expression


class PortalModelBackend(ModelBackend):
    """Django's model backend, reading the user's role and valid clearance in the same query.

    Every page needs both for its access decisions; loading them with the user saves
    two queries on each request. It is computed from the dates at that moment, so
    a lapse still takes effect at once. The clearance level comes from the clearances
    app, which registers its expression (``register_user_annotation``).
    """

    def get_user(self, user_id: int) -> User | None:
        annotations = {name: expression() for name, expression in USER_ANNOTATIONS.items()}
        user = User.objects.annotate(**annotations).filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
