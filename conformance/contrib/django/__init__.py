"""``conformance.contrib.django``: add to a deployment's ``INSTALLED_APPS`` for
``manage.py conformance_provision``, which writes a remote-mode credentials file (contract section 4)."""
