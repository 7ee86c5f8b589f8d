"""knox reference stack: knox tokens with a lifetime, a Basic-credentials login, logout and logout-all."""
