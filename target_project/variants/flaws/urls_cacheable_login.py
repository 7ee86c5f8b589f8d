"""URLconf of the `cacheable_login` variant."""

from target_project.variants.flaws.accounts import CacheableLogin
from target_project.variants.flaws.urls_accounts import with_account_view

urlpatterns = with_account_view("get_auth_token", CacheableLogin.as_view())
