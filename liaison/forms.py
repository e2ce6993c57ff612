from django import forms

from liaison.models import User


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email_reminders"]
