"""Logging in and out, and the authentication classes of the reference deployment."""
