"""
WSGI entry point of the reference deployment, with its production settings.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "target_project.settings")

application = get_wsgi_application()
