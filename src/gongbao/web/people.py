"""The pages of the people and posts register: /people, /people/{name}, /posts (agencies and their
posts), /posts/{post}. Each event and holder links to its document and to the printed line."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from gongbao.api.people import person_web_url, post_web_url, printed_web_url
from gongbao.registers.people import agencies_of
from gongbao.store.records import NotFoundError
from gongbao.web.routes import _env, render

__all__ = ["router"]

router = APIRouter(default_response_class=HTMLResponse)
_env.filters.update(person_url=person_web_url, post_url=post_web_url)
_env.globals.update(printed_url=printed_web_url)


def _archive(request: Request):
    return request.app.state.pool.get()


@router.get("/people", summary="People index")
def people_page(request: Request):
    people = sorted(_archive(request).people(), key=lambda p: p.person_id)
    return render(request, "people.html", people=people)


@router.get("/people/{name}", summary="A person's timeline")
def person_page(request: Request, name: str):
    people = _archive(request).people(name)
    if not people:
        raise NotFoundError(f"no appointment of {name} in the archive")
    return render(request, "person.html", person_name=people[0].name, people=people)


@router.get("/posts", summary="Agencies and their posts")
def posts_page(request: Request, q: str = ""):
    q = q.strip()[:100]
    posts = _archive(request).posts(q or None)
    return render(request, "posts.html", agencies=agencies_of(posts), post_query=q,
                  total=len(posts))


@router.get("/posts/{post}", summary="A post's holders")
def post_page(request: Request, post: str):
    posts = _archive(request).posts(post)
    if not posts:
        raise NotFoundError(f"no post {post} in the archive")
    return render(request, "post.html", asked=post, posts=posts)
