from tests.imports.test_import_minutes import sheets  # noqa: F401  (the spreadsheet fixture, for test_nul_characters.py)
from tests.work.conftest import World, world  # noqa: F401  (the personas fixture)
