"""simplejwt reference stack: JWT access tokens, rotating refresh tokens, a blacklist logout."""
