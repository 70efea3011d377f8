"""What every public form on the site shares: fields linked to their hints and errors for
screen readers. Its templates are templates/components/form_field.html (one field with its
label, hint and error) and templates/components/error_summary.html."""

from __future__ import annotations

from django import forms


class AccessibleForm(forms.Form):
    """Links each field to its hint and error message for screen readers."""

    def full_clean(self):
        super().full_clean()
        self._describe_fields()

    def _describe_fields(self):
        for name, field in self.fields.items():
            # Worked out rather than read from self[name]: a bound field made now would keep
            # the help text as it is before a form's __init__ finishes (choices, hints set there).
            auto_id = self.auto_id if isinstance(self.auto_id, str) else "id_%s"
            field_id = auto_id % self.add_prefix(name)
            described_by = []
            if field.help_text:
                described_by.append(f"{field_id}-hint")
            errors = getattr(self, "_errors", None)  # None until the form is validated
            if errors and name in errors:
                described_by.append(f"{field_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._describe_fields()
