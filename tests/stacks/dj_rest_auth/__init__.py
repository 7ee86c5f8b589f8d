"""The dj-rest-auth reference stack (token, JWT in headers, JWT in cookies) and its flawed copies."""
