"""A search's results to take away: a CSV or JSON file, and an Atom feed to subscribe to.

    /api/search/download.csv?q=…   the hits as CSV (UTF-8 with a BOM, so Excel reads it)
    /api/search/download.json?q=…  the same JSON as /api/search, as a file
    /api/search/feed.atom?q=…      an Atom feed (RFC 4287) of the query's newest documents

Every parameter of /api/search is taken (q, filters, sort; a download takes up to
MAX_DOWNLOAD hits). The web search page links them for the query it shows (`/search/feed.atom`
takes the page's own parameters).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from typing import Annotated
from urllib.parse import quote
from xml.sax.saxutils import escape

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from gongbao.api.models import SearchAnswer
from gongbao.api.params import MAX_QUERY, SortQuery, filter_params
from gongbao.api.routes import _E400, _E503, base_url
from gongbao.api.serialize import search_json
from gongbao.search.query import Filters
from gongbao.store.records import SearchResult

__all__ = ["router", "atom_feed", "csv_text", "MAX_DOWNLOAD", "FEED_SIZE"]

router = APIRouter(prefix="/api")

MAX_DOWNLOAD = 1000  # hits in one download at most
FEED_SIZE = 50       # entries of a feed

CSV_COLUMNS = ("rank", "id", "doc_number", "title", "signed", "issuer", "genre", "section", "year",
               "issue_id", "score", "match", "url", "web_url")

QText = Annotated[str, Query(max_length=MAX_QUERY, description="the query, as for /api/search")]
DownloadLimit = Annotated[int, Query(ge=1, le=MAX_DOWNLOAD,
                                     description=f"how many hits, 1–{MAX_DOWNLOAD}")]


def _file_name(q: str, ext: str) -> str:
    stem = "".join(ch for ch in q.strip() if ch.isalnum())[:40] or "search"
    return f"gongbao-{stem}.{ext}"


def _attachment(name: str) -> dict:
    return {"Content-Disposition": f"attachment; filename=\"search.{name.rsplit('.', 1)[-1]}\"; "
                                   f"filename*=UTF-8''{quote(name)}"}


def csv_text(out: dict) -> str:
    """The hits of a search's JSON (api.serialize.search_json) as CSV, with a BOM."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for rank, hit in enumerate(out["hits"], out["offset"] + 1):
        writer.writerow([rank] + ["" if hit.get(c) is None else hit.get(c) for c in CSV_COLUMNS[1:]])
    return "\ufeff" + buf.getvalue()


def _time(day) -> str:
    return f"{day}T00:00:00Z" if day else datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_feed(result: SearchResult, out: dict, *, self_url: str, web_url: str) -> str:
    """An Atom feed of a search's hits: one entry per document, its summary the snippet."""
    dates = [h["date"] or h["signed"] for h in out["hits"] if h["date"] or h["signed"]]
    title = f"公报检索：{result.query.strip()}" if result.query.strip() else "公报检索"
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"<title>{escape(title)}</title>",
             f"<id>{escape(self_url)}</id>",
             f'<link rel="self" type="application/atom+xml" href="{escape(self_url)}"/>',
             f'<link rel="alternate" type="text/html" href="{escape(web_url)}"/>',
             f"<updated>{_time(max(dates) if dates else None)}</updated>",
             "<author><name>gongbao</name></author>",
             "<generator>gongbao</generator>"]
    for hit in out["hits"]:
        day = hit["date"] or hit["signed"]
        heading = " ".join(x for x in (hit["doc_number"], hit["title"] or "(无标题)") if x)
        parts += ["<entry>",
                  f"<title>{escape(heading)}</title>",
                  f"<id>{escape(hit['web_url'])}</id>",
                  f'<link rel="alternate" type="text/html" href="{escape(hit["web_url"])}"/>',
                  f"<updated>{_time(day)}</updated>"]
        if hit["signed"]:
            parts.append(f"<published>{_time(hit['signed'])}</published>")
        if hit["issuer"]:
            parts.append(f"<author><name>{escape(hit['issuer'])}</name></author>")
        if hit["genre"]:
            parts.append(f'<category term="{escape(hit["genre"])}"/>')
        if hit["snippet"]:
            parts.append(f'<summary type="html">{escape(hit["snippet"])}</summary>')
        parts.append("</entry>")
    parts.append("</feed>")
    return "\n".join(parts) + "\n"


def _run(request: Request, q: str, limit: int, filters: Filters, sort: str) -> tuple[SearchResult, dict]:
    result = request.app.state.pool.search(q, limit=limit, offset=0, filters=filters, sort=sort)
    return result, search_json(result, base_url(request))


@router.get("/search/download.csv", summary="Search results as a CSV file", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}, **_E400, **_E503})
def download_csv(request: Request, q: QText = "", limit: DownloadLimit = MAX_DOWNLOAD,
                 filters: Filters = Depends(filter_params), sort: SortQuery = "relevance") -> Response:
    """The hits of the search (as /api/search ranks them), one row each, for a spreadsheet."""
    _, out = _run(request, q, limit, filters, sort)
    return Response(csv_text(out), media_type="text/csv; charset=utf-8",
                    headers=_attachment(_file_name(q, "csv")))


@router.get("/search/download.json", summary="Search results as a JSON file", response_model=SearchAnswer,
            responses={**_E400, **_E503})
def download_json(request: Request, q: QText = "", limit: DownloadLimit = MAX_DOWNLOAD,
                  filters: Filters = Depends(filter_params), sort: SortQuery = "relevance") -> Response:
    """The answer of /api/search (docs/spec/search-json.md) for up to 1000 hits, as a file."""
    _, out = _run(request, q, limit, filters, sort)
    out.update({"next": None, "prev": None})
    return Response(json.dumps(out, ensure_ascii=False, indent=1), media_type="application/json",
                    headers=_attachment(_file_name(q, "json")))


@router.get("/search/feed.atom", summary="Search results as an Atom feed", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}, **_E400, **_E503})
def feed(request: Request, q: QText = "", filters: Filters = Depends(filter_params),
         sort: SortQuery = "date") -> Response:
    """The query's newest documents (sort=date by default) as an Atom feed: subscribe to a query
    in a feed reader to learn of new documents."""
    result, out = _run(request, q, FEED_SIZE, filters, sort)
    web = str(request.url).replace("/api/search/feed.atom", "/search", 1)
    return Response(atom_feed(result, out, self_url=str(request.url), web_url=web),
                    media_type="application/atom+xml; charset=utf-8")
