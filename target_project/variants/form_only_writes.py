"""
Variant `form_only_writes`: the questions list takes form bodies only.

Mistake: none in the deployment: POST /polls/api/questions/ parses HTML forms only
(FormParser, MultiPartParser), so a JSON body gets the parser's 415, valid CSRF proof or not:
SessionAuthentication's CSRF check reads request.POST, and that parses the body.
Habit: not the project's, the suite's: a judge comparing the two 415s read the write without a
CSRF token as "went through like the one with a valid token" (DRFC-801, high), while a real form,
which is what a cross-site attacker posts, gets 403 "CSRF token missing" (issue 12).
Must trip: nothing. The CSRF checks retry with a form the view parses, and pass.
"""

from target_project.settings import *  # noqa: F401,F403

ROOT_URLCONF = "target_project.variants.flaws.urls_form_only_writes"

# The checks this variant must fail (none: a sound deployment with a form-only endpoint).
EXPECTED_FAILURES = set()
