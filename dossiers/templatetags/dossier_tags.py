from django import template
from django.db import models

register = template.Library()


@register.filter
def field_rows(instance: models.Model | None) -> list[tuple[str, str]]:
    """Label and display value of each editable field of a detail record."""
    if instance is None:
        return []
    rows = []
    # Fields the page shows on their own, under their own rule (a classified answer).
    apart = {"dossier", *getattr(instance, "shown_apart", ())}
    for field in instance._meta.get_fields():
        if not getattr(field, "editable", False) or field.auto_created or field.name in apart:
            continue
        if field.many_to_many:
            value = ", ".join(str(item) for item in getattr(instance, field.name).all())
        elif field.choices:
            value = getattr(instance, f"get_{field.name}_display")()
        else:
            value = getattr(instance, field.name)
        rows.append((field.verbose_name, value if value not in (None, "") else "—"))
    return rows
