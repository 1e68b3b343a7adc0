"""The people and posts register under /api: /api/people, /api/posts (docs/spec/registers-json.md).

Each event and holder links to its document (`url`, `web_url`) and to the printed line
(`printed_url`: the document's printed view at that line).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from gongbao.api.fastjson import JSONResponse

from gongbao.api.models import PeopleAnswer, PostsAnswer
from gongbao.api.serialize import document_url, document_web_url
from gongbao.registers.people import Person, Post, person_json, post_json
from gongbao.store.records import NotFoundError

__all__ = ["router", "person_web_url", "post_web_url", "printed_web_url"]

router = APIRouter(prefix="/api")

_MAX_WORDS = 100  # the longest name or post a parameter may give


def person_web_url(name: str) -> str:
    return f"/people/{quote(name, safe='')}"


def post_web_url(post: str) -> str:
    return f"/posts/{quote(post, safe='')}"


def printed_web_url(doc_id: str, line: int | None) -> str:
    return document_web_url(doc_id) + "/printed" + (f"#L{line}" if line else "")


def _links(doc_id: str | None, line: int | None) -> dict:
    if not doc_id:
        return {"url": None, "web_url": None, "printed_url": None}
    return {"url": document_url(doc_id), "web_url": document_web_url(doc_id),
            "printed_url": printed_web_url(doc_id, line)}


def people_json(people: tuple[Person, ...]) -> dict:
    out = []
    for p in people:
        plain = person_json(p)
        plain["web_url"] = person_web_url(p.name)
        for e, event in zip(p.events, plain["events"]):
            event.update(_links(e.doc_id, e.line))
            event["post_web_url"] = post_web_url(e.post_name)
        out.append(plain)
    return {"people": out}


def posts_json(posts: tuple[Post, ...]) -> dict:
    out = []
    for p in posts:
        plain = post_json(p)
        plain["web_url"] = post_web_url(p.post)
        for h, holder in zip(p.holders, plain["holders"]):
            holder["from_links"] = _links(h.from_doc_id, h.from_line)
            holder["to_links"] = _links(h.to_doc_id, h.to_line)
            holder["person_web_url"] = person_web_url(h.name)
        out.append(plain)
    return {"posts": out}


def _archive(request: Request):
    return request.app.state.pool.get()


@router.get("/people", summary="People named by appointments", response_model=PeopleAnswer)
def people(request: Request, name: Annotated[str, Query(max_length=_MAX_WORDS, description=(
        "a person's name (padding spaces ignored); every person without it"))] = "") -> JSONResponse:
    """Every person (or those of one name) with their events in date order."""
    return JSONResponse(people_json(_archive(request).people(name.strip() or None)))


@router.get("/people/{name}", summary="One person's timeline", response_model=PeopleAnswer,
            responses={404: {"description": "no appointment of that name"}})
def person(request: Request, name: Annotated[str, Path(description="a person's name (padding spaces ignored)")]
           ) -> JSONResponse:
    found = _archive(request).people(name)
    if not found:
        raise NotFoundError(f"no appointment of {name} in the archive")
    return JSONResponse(people_json(found))


@router.get("/posts", summary="Posts and their holders", response_model=PostsAnswer)
def posts(request: Request, q: Annotated[str, Query(max_length=_MAX_WORDS, description=(
        "a post in any printed form or alias (市住建局局长), or words posts contain (交通运输局)"))] = ""
          ) -> JSONResponse:
    """Every post (or those `q` names) with its holders: from, to, the documents."""
    return JSONResponse(posts_json(_archive(request).posts(q.strip() or None)))


@router.get("/posts/{post}", summary="One post's holders", response_model=PostsAnswer,
            responses={404: {"description": "no such post"}})
def post(request: Request, post: Annotated[str, Path(description="a post in any printed form or alias")]
         ) -> JSONResponse:
    found = _archive(request).posts(post)
    if not found:
        raise NotFoundError(f"no post {post} in the archive")
    return JSONResponse(posts_json(found))
