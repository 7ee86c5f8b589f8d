"""drf-conformance: a security conformance suite for the authentication of DRF deployments.

The package holds the engine (catalogue, HTTP client, targets, judges, reports) and the pytest
plugin that runs the scenarios of ``scenarios/`` against a deployment.
"""

__version__ = "0.1.0"
