"""Judges: plain functions of answers that return a ``Verdict``. They know nothing of pytest."""
