"""URLconf of the `form_only_writes` variant."""

from target_project.variants.flaws.urls import with_question_list
from target_project.variants.flaws.views import FormOnlyQuestionList

urlpatterns = with_question_list(FormOnlyQuestionList.as_view())
