from django.contrib.auth.backends import ModelBackend

from clearances.validity import CLEARANCE_ANNOTATION, valid_clearance_level_expression
from liaison.models import User
from liaison.roles import ROLE_ANNOTATION, role_expression


class PortalModelBackend(ModelBackend):
    """Django's model backend, reading the user's role and valid clearance in the same query.

    Every page needs both for its access decisions; loading them with the user saves
    two queries on each request. It is computed from the dates at that moment, so
    a lapse still takes effect at once.
    """

    def get_user(self, user_id: int) -> User | None:
        user = (
            User.objects.annotate(
                **{
                    CLEARANCE_ANNOTATION: valid_clearance_level_expression("person"),
                    ROLE_ANNOTATION: role_expression(),
                }
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
