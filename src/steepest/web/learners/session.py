"""Who the learner is, without sign-up: an anonymous id in a cookie, and the CSRF checks that
guard every request that changes what is stored about them.

Two cookies:
- `steepest_learner`: the learner id. HttpOnly (scripts never need it), SameSite=Lax, and Secure
  when the request came over https (or a trusted proxy says so with X-Forwarded-Proto).
- `steepest_csrf`: a random token the page's script reads and sends back in the
  `X-Steepest-CSRF` header (double-submit). Another site can make the browser send cookies but
  can neither read this one nor set the header, so a forged request fails.

A state-changing request must also not come from another site: `Sec-Fetch-Site`, when the
browser sends it, must be `same-origin` (or `none`, typed by the user), and `Origin`, when sent,
must name this host. The stateless computation routes (`/api/gradient`, `/api/equivalent` …)
check none of this, so scripts and notebooks can use them.
"""

from __future__ import annotations

import hmac
import secrets
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from steepest.web.http.errors import CsrfRefused
from steepest.web.learners.store_handle import StoreHandle
from steepest.web.settings import Settings

if TYPE_CHECKING:
    from steepest.store import Store

LEARNER_COOKIE = "steepest_learner"
CSRF_COOKIE = "steepest_csrf"
CSRF_HEADER = "X-Steepest-CSRF"
# Anonymous progress is worth keeping for a school year and more.
COOKIE_MAX_AGE_S = 400 * 24 * 3600
_SAME_SITE_FETCHES = ("same-origin", "none")


def came_over_https(request: Request, settings: Settings) -> bool:
    if settings.trust_forwarded_proto:
        forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
        if forwarded:
            return forwarded == "https"
    return request.url.scheme == "https"


def check_csrf(request: Request) -> None:
    """Refuse (403) a state-changing request that another site could have made."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in _SAME_SITE_FETCHES:
        raise CsrfRefused(f"refused: a request from another site ({site}) cannot change progress")
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
        raise CsrfRefused("refused: the request's Origin is not this site")
    cookie = request.cookies.get(CSRF_COOKIE, "")
    header = request.headers.get(CSRF_HEADER, "")
    if not cookie or not header or not hmac.compare_digest(cookie.encode(), header.encode()):
        raise CsrfRefused(
            f"refused: the {CSRF_HEADER} header must repeat the {CSRF_COOKIE} cookie"
            " (reload the page to get one)"
        )


async def require_csrf(request: Request) -> None:
    """`check_csrf` as a route dependency. FastAPI decodes a JSON body before it runs route
    dependencies, so a forged request whose body is not JSON at all gets that 422 first; any
    other forged request gets 403. Either way the handler never runs and nothing is stored.

    `async` although it never awaits: FastAPI runs a plain `def` dependency in a worker thread,
    and the hop there and back cost more than the check itself on every state-changing request.
    """
    check_csrf(request)


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
            secrets.token_urlsafe(24),
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
