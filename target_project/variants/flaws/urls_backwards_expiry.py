"""URLconf of the `backwards_expiry` variant: /accounts/me/ uses the backwards class too."""

from target_project.variants.flaws.accounts import _backwards_who_am_i
from target_project.variants.flaws.urls_accounts import with_account_view

urlpatterns = with_account_view("me", _backwards_who_am_i().as_view())
