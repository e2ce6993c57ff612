from django import forms

from accounts.models import User


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email_reminders"]
