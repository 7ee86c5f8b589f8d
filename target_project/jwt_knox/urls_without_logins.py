"""
The jwt_knox routes without the simplejwt and knox login endpoints: tokens of those kinds are
then issued by the libraries in-process (the expired-token family's fallback), as in a project
whose clients get them some other way.
"""

from target_project.jwt_knox.urls import reference_account_routes, with_account_routes

urlpatterns = with_account_routes(reference_account_routes)
