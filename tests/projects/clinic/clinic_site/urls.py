from django.urls import path

from clinic import views

urlpatterns = [
    path("api/login/", views.EmailLogin.as_view()),
    path("api/me/", views.Me.as_view()),
    path("api/clinics/", views.ClinicList.as_view()),
    path("api/clinics/<int:pk>/", views.ClinicDetail.as_view()),
]
