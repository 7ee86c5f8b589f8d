from django.apps import AppConfig


class ConformanceConfig(AppConfig):
    """No models, no URLs, no middleware: only the ``conformance_provision`` command."""

    name = "conformance.contrib.django"
    label = "drf_conformance"
    verbose_name = "drf-conformance provisioning"
