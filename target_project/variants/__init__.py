"""
Deliberately flawed variants of the reference deployment. NEVER DEPLOY ANY OF THEM.

Each module named in VARIANTS is a settings module: `from target_project.settings
import *` plus exactly one flaw, so drf-conformance can prove that the check meant
to catch that flaw fails on it while the positive control (valid credentials)
still passes. Run one with `--ds target_project.variants.<name>`.

The flawed code itself lives in the `flaws` package.
"""

VARIANTS = (
    "open_endpoint",
    "no_challenge",
    "leaky_refusal",
    "case_insensitive_token",
    "prefix_token",
    "sliced_token",
    "last_word_token",
    "ascii_crash_token",
)
