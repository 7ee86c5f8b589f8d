"""URLconf of the `indexing_login` variant."""

from target_project.variants.flaws.accounts import IndexingLogin
from target_project.variants.flaws.urls_accounts import with_account_view

urlpatterns = with_account_view("get_auth_token", IndexingLogin.as_view())
