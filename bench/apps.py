from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Installed only so that ``manage.py bench`` and ``bench_sweep`` exist."""

    name = "bench"
    verbose_name = "Benchmark"
