"""Hostile loopback servers against the suite's own promises (issue 11): one origin, bounded time, no secret in any form."""
