"""The canary test's deployment: a flawed variant, with a SECRET_KEY the test plants.

``prefix_token`` fails DRFC-201 with evidence built from truncations of the real token key, so
its reports are full of requests that carried credentials. The test plants its own
``SECRET_KEY`` through the environment, a secret the process holds but no probe should ever
print.
"""

import os

from target_project.variants.prefix_token import *  # noqa: F401,F403

SECRET_KEY = os.environ["CONFORMANCE_CANARY_SECRET_KEY"]
