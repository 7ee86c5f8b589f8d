"""URLconf of the `noop_logout` variant."""

from target_project.variants.flaws.accounts import NoopLogout
from target_project.variants.flaws.urls_accounts import with_account_view

urlpatterns = with_account_view("logout", NoopLogout.as_view())
