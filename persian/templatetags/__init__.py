"""Template tag libraries of the ``persian`` app (``{% load persian %}``)."""
