"""django-oauth-toolkit reference stack: scoped API views, PKCE, exact redirects, rotating refresh tokens."""
