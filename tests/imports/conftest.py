from tests.work.conftest import World, world  # noqa: F401  (the personas fixture)
