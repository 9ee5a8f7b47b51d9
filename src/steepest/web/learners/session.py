"""Who the learner is, without sign-up: an anonymous id in a cookie.

Two cookies, issued together:
- `steepest_learner`: the learner id. HttpOnly (scripts never need it), SameSite=Lax, and Secure
  when the request came over https (or a trusted proxy says so with X-Forwarded-Proto).
- `steepest_csrf`: the token the CSRF checks compare with the page's header
  (`security/csrf.py`), so the page's script may read it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response

from steepest.web.learners.store_handle import StoreHandle
from steepest.web.security.csrf import CSRF_COOKIE, new_csrf_token
from steepest.web.settings import Settings

if TYPE_CHECKING:
    from steepest.store import Store

LEARNER_COOKIE = "steepest_learner"
# Anonymous progress is worth keeping for a school year and more.
COOKIE_MAX_AGE_S = 400 * 24 * 3600


def came_over_https(request: Request, settings: Settings) -> bool:
    if settings.trust_forwarded_proto:
        forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
        if forwarded:
            return forwarded == "https"
    return request.url.scheme == "https"


def learner_cookie(request: Request) -> str | None:
    return request.cookies.get(LEARNER_COOKIE)


def set_session_cookies(
    request: Request, response: Response, settings: Settings, learner_id: str
) -> None:
    """(Re)issue the learner cookie when its value changed, and a CSRF token when missing."""
    secure = came_over_https(request, settings)
    if request.cookies.get(LEARNER_COOKIE) != learner_id:
        response.set_cookie(
            LEARNER_COOKIE,
            learner_id,
            max_age=COOKIE_MAX_AGE_S,
            path="/",
            httponly=True,
            samesite="lax",
            secure=secure,
        )
    if not request.cookies.get(CSRF_COOKIE):
        response.set_cookie(
            CSRF_COOKIE,
            new_csrf_token(),
            max_age=COOKIE_MAX_AGE_S,
            path="/",
            httponly=False,  # the page's script must read it to send it back in the header
            samesite="lax",
            secure=secure,
        )


async def current_learner(
    request: Request, response: Response, settings: Settings, store: StoreHandle
) -> str:
    """The learner this request comes from, created (and its cookies set) when new."""
    cookie = learner_cookie(request)
    if cookie is not None and (await store.store()).is_known_learner(cookie):
        learner_id = cookie  # seen a moment ago: no thread, no database
    else:
        learner_id = await store.call(_ensure_learner, cookie)
    set_session_cookies(request, response, settings, learner_id)
    return learner_id


def _ensure_learner(store: Store, cookie: str | None) -> str:
    return store.ensure_learner(cookie)
