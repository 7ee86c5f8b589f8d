"""The interface every target offers to fixtures and scenarios."""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.auth.credentials import Credential, CredentialStore
from conformance.endpoints import Endpoint, is_public
from conformance.expectations import Expectations
from conformance.http import ConformanceClient
from conformance.auth.schemes import Scheme


class TargetError(Exception):
    """The target could not be reached or served (exit code 3)."""


AUTH_ENDPOINT_KEYS = ("TOKEN_LOGIN_PATH", "LOGOUT_PATH", "SESSION_LOGIN_PATH", "OAUTH2_TOKEN_PATH",
                      "JWT_LOGIN_PATH", "KNOX_LOGIN_PATH", "JWT_REFRESH_PATH", "JWT_BLACKLIST_PATH")
AUTH_ENDPOINT_KEYS += ("DJOSER_LOGIN_PATH", "LOGOUT_ALL_PATH")  # issue 14: djoser's token login, knox's logoutall
# allauth headless's app client: its login and its session endpoint (DELETE logs out), issue 14.
AUTH_ENDPOINT_KEYS += ("ALLAUTH_LOGIN_PATH", "ALLAUTH_SESSION_PATH")


@dataclass
class AuthEndpoints:
    """The auth endpoints of the deployment and how each became known (declared or detected)."""

    paths: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(AUTH_ENDPOINT_KEYS))
    sources: dict[str, str] = field(default_factory=dict)

    def resolve(self, expectations: Expectations, detected: dict[str, str]) -> None:
        for key in AUTH_ENDPOINT_KEYS:
            declared = expectations.values.get(key)
            if declared:
                self.paths[key], self.sources[key] = declared, "declared"
            elif detected.get(key):
                self.paths[key], self.sources[key] = detected[key], "detected"
            else:
                self.sources[key] = "unknown"

    @staticmethod
    def unknown(key: str) -> str:
        """Why a check needing the endpoint ``key`` names cannot run, and what to declare."""
        return (f"{key} is unknown (not declared, not detected): set CONFORMANCE['{key}'] "
                f"or the {key.lower()} key of --config")

    def public(self) -> list[str]:
        """Login and token endpoints answer anonymous clients by design; logout (and logout-all) does not."""
        return [p for k, p in self.paths.items() if p and k not in ("LOGOUT_PATH", "LOGOUT_ALL_PATH")]

    def as_report(self) -> dict[str, dict[str, str | None]]:
        return {k: {"path": self.paths[k], "source": self.sources.get(k, "unknown")} for k in AUTH_ENDPOINT_KEYS}


class Target:
    """A deployment under audit."""

    mode: str = ""
    base_url: str = ""
    http_url: str | None = None  # plain-HTTP base, when one is served or known
    client: ConformanceClient
    credentials: CredentialStore
    expectations: Expectations
    endpoints: list[Endpoint]
    auth_endpoints: AuthEndpoints
    settings_module: str | None = None

    def public_patterns(self) -> list[str]:
        return list(self.expectations.PUBLIC_PATHS) + self.auth_endpoints.public()

    def protected_endpoints(self) -> list[Endpoint]:
        patterns = self.public_patterns()
        return [e for e in self.endpoints if not is_public(e.path, patterns, e.method)]

    def public_endpoints(self) -> list[Endpoint]:
        """The endpoints declared public (or auth endpoints): the transport checks apply to them too."""
        patterns = self.public_patterns()
        return [e for e in self.endpoints if is_public(e.path, patterns, e.method)]

    def schemes(self) -> list[Scheme]:
        return sorted({s for e in self.endpoints for s in e.schemes}, key=lambda s: s.kind)

    def disposable(self, scheme: Scheme) -> Credential | None:
        """A credential the check may consume (log out, deactivate); None where none can be made."""
        return None

    def no_disposable_reason(self, scheme: Scheme) -> str:
        """Why ``disposable(scheme)`` gave nothing, saying what would let the check run (a skip's detail)."""
        return f"this target cannot make a throwaway {scheme.word or scheme.kind} credential"

    def scheme_not_offered(self, endpoint: Endpoint, scheme: Scheme) -> str:
        """Why ``endpoint`` is not audited under ``scheme`` (a skip's detail). Here: the view's
        ``authentication_classes`` do not include it; remote mode says which role or option adds it."""
        what = "session cookies" if scheme.kind == "session" else f"the {scheme.word or scheme.kind} scheme"
        return f"{endpoint.label} does not accept {what}"

    def view_schemes(self, path: str) -> tuple[Scheme, ...]:
        """The schemes the view at ``path`` accepts when it is not a discovered DRF view (a Django
        ``LogoutView`` takes the session only); empty where unknown (remote mode)."""
        return ()

    def restore_data(self) -> None:
        """Put back sample data a successful DELETE removed, where the target can."""

    def can_send(self, endpoint: Endpoint) -> str | None:
        """None when probes may be sent to ``endpoint``, else the reason they may not."""
        return None

    # Capabilities: each default is the safe choice, so a black box skips with a reason.
    def unsafe_methods_allowed(self) -> bool:
        """Probes may send POST/PUT/PATCH/DELETE that can change data (``--allow-unsafe-methods``)."""
        return False

    def real_credentials_over_plain_http(self) -> bool:
        """Real credentials may be sent over plain HTTP (loopback only); otherwise probes use canaries."""
        return False

    def server_error_path(self) -> str | None:
        """A path whose view raises on purpose (in-process only), to see how the app answers a crash."""
        return None

    def clock(self):
        """A clock that moves the target's time (in-process: ``FrozenClock``); None where it cannot.

        Without it the expired-token checks fall back to the ``<scheme>.expired`` roles and the
        boundary checks skip: a remote server's clock cannot be moved.
        """
        return None

    def token_lifetime(self, scheme: Scheme):
        """``(timedelta, source)``: how long a fresh credential of ``scheme`` lives, else None.

        A black box says nothing of its settings: only ``CONFORMANCE['TOKEN_LIFETIME']`` (or the
        ``--config`` key) can tell.
        """
        declared = self.expectations.values.get("TOKEN_LIFETIME")
        return (declared, f"TOKEN_LIFETIME ({self.expectations.sources.get('TOKEN_LIFETIME')})") if declared else None

    def deactivated(self, scheme: Scheme) -> Credential | None:
        """A credential of ``scheme`` issued to a fresh user who was then deactivated; None where
        the target cannot deactivate users (remote mode uses the ``<scheme>.inactive`` roles)."""
        return None

    def issued(self, scheme: Scheme) -> Credential | None:
        """A fresh user's credential issued now by its token library's own code (JWT, knox), for
        kinds no known login endpoint hands out; None where the target cannot (remote mode)."""
        return None

    def still_reachable(self) -> bool:
        """After a transport failure mid-run: does the target still answer a plain GET?"""
        try:
            self.client.request("GET", "", role="reachability")
        except Exception:  # any failure here means the run cannot go on
            return False
        self.client.take_exchanges()
        return True

    def info(self) -> dict:
        data = {"mode": self.mode, "url": self.base_url}
        if self.settings_module:
            data["settings"] = self.settings_module
        return data

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass
