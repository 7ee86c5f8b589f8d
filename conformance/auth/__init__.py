"""How clients authenticate: credentials and their schemes, logging in, sessions, and aged credentials under a frozen clock."""
