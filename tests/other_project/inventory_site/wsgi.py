"""WSGI entry point: gunicorn serves this project for the remote-mode tests."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inventory_site.settings")
application = get_wsgi_application()
