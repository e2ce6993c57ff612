from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from auditlog.models import LogEntry
        from auditlog.registry import auditlog
        from django.db.models.signals import post_migrate, pre_save

        from accounts import audit_actor
        from accounts.models import CredentialReset, User
        from accounts.roles import sync_role_groups

        # After every app's migration: the administrator's permissions span several apps,
        # whose permissions exist only once each app has been migrated.
        post_migrate.connect(sync_role_groups, dispatch_uid="sync_role_groups")
        pre_save.connect(
            audit_actor.on_log_entry_save, sender=LogEntry, dispatch_uid="audit_actor_copy"
        )
        # The calendar token and the session salt are secrets: the log says nothing of them.
        auditlog.register(
            User,
            exclude_fields=["password", "last_login", "calendar_token", "session_salt"],
            m2m_fields={"groups"},
        )
        auditlog.register(CredentialReset)
        connect_authentication_events()


def connect_authentication_events() -> None:
    """Log-ins, log-outs, failures, lock-outs and two-factor changes go to the audit trail."""
    from auditlog.registry import auditlog
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts import auth_events, security
    from accounts.middleware import start_session_clock

    user_logged_in.connect(auth_events.on_logged_in, dispatch_uid="audit_login")
    user_logged_in.connect(start_session_clock, dispatch_uid="start_session_clock")
    user_logged_out.connect(auth_events.on_logged_out, dispatch_uid="audit_logout")
    user_login_failed.connect(auth_events.on_login_failed, dispatch_uid="audit_login_failed")
    user_login_failed.connect(
        security.refuse_failures_from_noisy_address, dispatch_uid="throttle_noisy_address"
    )
    user_locked_out.connect(auth_events.on_locked_out, dispatch_uid="audit_locked_out")
    secret_fields = [
        "key",
        "last_t",
        "drift",
        "throttling_failure_timestamp",
        "throttling_failure_count",
        "last_used_at",
    ]
    auditlog.register(TOTPDevice, exclude_fields=secret_fields)
    auditlog.register(StaticDevice, exclude_fields=secret_fields)
