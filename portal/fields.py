"""Model fields of the portal."""

from __future__ import annotations

from django.contrib.postgres import search


class SearchVectorField(search.SearchVectorField):
    """A ``tsvector`` column, filled on PostgreSQL by a trigger from the row's
    ``search_text`` (portal/migrations/0002) and left empty elsewhere. Its ``=`` lookup is
    PostgreSQL's match operator ``@@``: ``filter(search_vector=SearchQuery(…))``.
    (django.contrib.postgres registers that lookup only when it is an installed app,
    which this project, running on SQLite too, does not need.)"""


SearchVectorField.register_lookup(search.SearchVectorExact)
