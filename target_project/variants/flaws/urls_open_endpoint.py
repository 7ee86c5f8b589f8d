"""URLconf of the `open_endpoint` variant."""

from target_project.variants.flaws.views import OpenQuestionList
from target_project.variants.flaws.urls import with_question_list

urlpatterns = with_question_list(OpenQuestionList.as_view())
