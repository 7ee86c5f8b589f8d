"""URLconf of the `leaky_refusal` variant."""

from target_project.variants.flaws.views import TeaserQuestionList
from target_project.variants.flaws.urls import with_question_list

urlpatterns = with_question_list(TeaserQuestionList.as_view())
