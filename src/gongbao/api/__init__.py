"""The REST API (FastAPI): `create_app(db_path, upload_token=None)` serves the archive read-only.

    GET  /api/search            query language and filters as in the CLI, pagination, facets
    GET  /api/documents         filtered listing, newest first
    GET  /api/documents/{ref}   one document by id or 发文字号: everything stored about it
    GET  /api/documents/{ref}/printed   its source lines and suggested OCR corrections
    GET  /api/issues            the issues
    GET  /api/issues/{id}       cover data, table of contents linked to documents
    GET  /api/stats             counts and facets of the archive
    POST /api/issues            upload an issue to ingest (only with the server's upload token)

OpenAPI at /openapi.json, docs at /docs. Every error has one shape (`gongbao.api.errors`).
"""

from gongbao.api.app import create_app
from gongbao.api.errors import CODES, ApiError

__all__ = ["create_app", "ApiError", "CODES"]
