"""The API's views: one base class (api.views.base) and a module per area."""
