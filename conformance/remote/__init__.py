"""What remote mode needs beyond the shared engine: the credentials file, endpoint discovery
from an OpenAPI document or an endpoints file, and the schemes a black box is audited under.
"""
