"""The scenarios: one parametrized pytest module per check family.

Each test proves one catalogue check (``@pytest.mark.check``) on one endpoint, scheme and probe;
the judging is in ``conformance.judges``, so this layer only sends, judges and reports.
"""
