"""The REST API (v1): the committee as documented, filterable, permission-aware JSON."""
