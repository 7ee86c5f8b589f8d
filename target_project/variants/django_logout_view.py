"""
Variant `django_logout_view`: the logout endpoint is Django's own LogoutView.

Mistake: none that the error-hygiene checks can judge: /accounts/logout/ is
django.contrib.auth.views.LogoutView, which ends sessions only and, as every Django view
that is not DRF's, is CSRF-protected by the middleware: a token client's POST there gets
Django's stock CSRF failure page (403, DEBUG = False), which says "More information is
available with DEBUG=True."
Habit: not the project's, the suite's: reading that sentence as a DEBUG leak (DRFC-1103, seen
on public DRF apps, issue 12); the sentence says DEBUG is off.
Must trip: nothing. The token logouts are not applicable (DRFC-1002 skips), DRFC-1103 passes.
"""

from target_project.settings import *  # noqa: F401,F403

ROOT_URLCONF = "target_project.variants.flaws.urls_django_logout_view"

# The checks this variant must fail (none), and those it must report not applicable.
EXPECTED_FAILURES = set()
