"""In-process mode: the deployment's WSGI app served from threads of the test process.

Because the server runs inside the process that runs the checks, freezing time with freezegun
moves the server's clock too, which is how expiry is proven without waiting thirty days.
"""
