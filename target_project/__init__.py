"""
The reference deployment audited by drf-conformance: the polls API of the seed
tutorials, with token, OAuth2 bearer and session authentication done right.
"""
