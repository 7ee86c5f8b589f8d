"""
The reference deployment with simplejwt and knox tokens too (`settings`), and flawed copies of
it, one flaw each, that tests/time_identity/test_jwt_knox.py audits: they are not in
target_project.variants because both libraries carry findings of their own in other families
(knox answers a latin-1 token with a 500, simplejwt compares its scheme word case-sensitively).
"""
