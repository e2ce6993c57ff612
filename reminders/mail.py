"""SMTP that tells "not sent" from "maybe sent", so that the outbox never sends twice.

A relay that fails before the message's content was handed over (connection
refused, no greeting, an address refused) did not deliver it: sending again is
safe. A relay that goes silent or drops the connection once the content is on its
way may have accepted it: that outcome is uncertain and is left to the administrator.
"""

import smtplib

from django.core.mail.backends.smtp import EmailBackend


class DeliveryUncertain(Exception):
    """The relay may or may not have accepted the message."""


class ProgressMixin:
    """Notes how far the message got in the SMTP dialogue."""

    content_started = False
    content_accepted = False

    def data(self, msg: bytes | str) -> tuple[int, bytes]:
        self.content_started = True
        reply = super().data(msg)  # type: ignore[misc]
        # data() raises SMTPDataError unless the relay answered 250.
        self.content_accepted = True
        return reply


class ProgressSMTP(ProgressMixin, smtplib.SMTP):
    pass


class ProgressSMTPSSL(ProgressMixin, smtplib.SMTP_SSL):
    pass


class SMTPBackend(EmailBackend):
    """Django's SMTP backend, raising ``DeliveryUncertain`` when an error may hide a delivery."""

    content_started = False
    content_accepted = False

    @property
    def connection_class(self) -> type[smtplib.SMTP]:
        return ProgressSMTPSSL if self.use_ssl else ProgressSMTP

    def _send(self, email_message: object) -> bool:
        connection = self.connection
        try:
            return super()._send(email_message)
        finally:
            self.content_started |= getattr(connection, "content_started", False)
            self.content_accepted |= getattr(connection, "content_accepted", False)

    def send_messages(self, email_messages: list) -> int:
        try:
            return super().send_messages(email_messages)
        except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused):
            raise  # the relay answered "no": nothing was delivered
        except Exception as error:
            # The outbox sends one message per connection: accepted means delivered,
            # whatever went wrong while hanging up.
            if len(email_messages) == 1 and self.content_accepted:
                return 1
            if self.content_started:
                raise DeliveryUncertain(str(error) or type(error).__name__) from error
            raise
