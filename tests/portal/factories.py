"""factory_boy factories for the portal's own models."""

from __future__ import annotations

import factory

from portal.models import Comment
from portal.services import visitor_key


class CommentFactory(factory.django.DjangoModelFactory):
    """A pending comment; ``minutes`` must be a published revision."""

    class Meta:
        model = Comment

    name = "مینا شهروند"
    body = "لطفاً زمان پایان کار را هم اعلام کنید."
    visitor_key = factory.Sequence(lambda n: visitor_key(f"192.0.2.{n % 250}"))
