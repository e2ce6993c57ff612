"""Exit 0 when healthy, 1 when not: the health checks of the compose containers."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.health import web_components, worker_is_alive


class Command(BaseCommand):
    help = "Check the database and broker, or with --worker the worker heartbeat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--worker",
            action="store_true",
            help="Check that a worker completed the heartbeat task within its interval.",
        )

    def handle(self, *args: object, worker: bool, **options: object) -> None:
        components = {"worker": worker_is_alive()} if worker else web_components()
        for name, up in components.items():
            self.stdout.write(f"{name}: {'ok' if up else 'failing'}")
        if not all(components.values()):
            raise CommandError("unhealthy")
