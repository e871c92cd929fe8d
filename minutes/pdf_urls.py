# Routes of the PDF issue (download, verification, draft preview); filled in by that work.
urlpatterns: list = []
