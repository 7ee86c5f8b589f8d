"""
Variant `gunicorn_trusted_proxy`: gunicorn believes X-Forwarded-Proto from the client.

Mistake: the Django settings are the reference's (SECURE_PROXY_SSL_HEADER unset), but gunicorn
runs with its default forwarded_allow_ips (127.0.0.1), and the client here connects from
127.0.0.1 as a proxy on the same host would: gunicorn turns a forged `X-Forwarded-Proto: https`
into wsgi.url_scheme = https, so a plain-HTTP request passes as HTTPS (CWE-348).
Habit: gunicorn's defaults behind a local proxy that passes the client's header on.
Must trip: DRFC-703 remotely only (REMOTE_ONLY_FAILURES: in-process the suite's own server
answers, and it trusts no forwarded header), and its detail names gunicorn's
forwarded_allow_ips, not SECURE_PROXY_SSL_HEADER alone (issue 12).
"""

from target_project.settings import *  # noqa: F401,F403

# In-process there is nothing to catch: the flaw is the WSGI server's configuration.
EXPECTED_FAILURES = set()
REMOTE_ONLY_FAILURES = {"DRFC-703"}
# How tools/detection_table.py serves it: gunicorn's default, as a deployment that never set it.
REMOTE_SERVER_ARGS = ("--forwarded-allow-ips", "127.0.0.1,::1")
