"""The polls of the Django tutorial, served as a REST API."""
