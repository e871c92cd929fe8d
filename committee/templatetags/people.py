"""How the interface names the signed-in person."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def display_name(user) -> str:
    """The name of the person linked to ``user``, else the user's full name, else the
    username: the header greets a person, not an account."""
    person = getattr(user, "person", None)
    if person is not None and person.full_name:
        return person.full_name
    return user.get_full_name() or user.get_username()
