"""Publication: what happens to minutes once they are published, in one package.

* ``snapshot`` freezes the record at publication; ``record`` reads it back as typed
  dataclasses (one ``PublishedRecord.from_json``);
* ``pdf`` renders the archival PDF (WeasyPrint, PDF/A-3a), ``pdf_text`` gives it its tagged
  logical text layer, ``pdf_files`` embeds the record and the attachments, ``signing`` seals
  it (pyHanko, PAdES) and validates uploaded files (``signing_checks``: its system checks);
* ``pdf_views``/``pdf_urls`` serve the stored PDFs and the verification pages, and
  ``middleware`` answers PDF downloads before the session and authentication;
* ``archive`` exports and imports the publications as one verifiable file.
"""
