"""The web UI: server-rendered Chinese pages over the archive (Jinja2, autoescaped, no JavaScript).

    /                         search box, the issues in the archive, counts
    /search?q=…&year=…        ranked hits with snippets, facet filters, pagination (also browsing)
    /issues, /issues/{id}     the issues; one issue's cover data and linked table of contents
    /documents/{id or 文号}    a document: metadata, outline, text, attachments, references
    /documents/{id}/printed   the document's source lines, numbered, OCR corrections marked

`install(app)` adds the pages and /static to a FastAPI app and returns the error-page renderer
the app's error handlers use for requests outside /api.
"""

from gongbao.web.routes import install

__all__ = ["install"]
