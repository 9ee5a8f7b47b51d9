"""The CSRF checks that guard every request that changes what is stored about a learner.

Double submit: the `steepest_csrf` cookie holds a random token (issued with the learner's
cookie, see `learners/session.py`) that the page's script reads and sends back in the
`X-Steepest-CSRF` header. Another site can make the browser send cookies but can neither read
this one nor set the header, so a forged request fails.

A state-changing request must also not come from another site: `Sec-Fetch-Site`, when the
browser sends it, must be `same-origin` (or `none`, typed by the user), and `Origin`, when sent,
must name this host. The stateless computation routes (`/api/gradient`, `/api/equivalent` …)
check none of this, so scripts and notebooks can use them.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from starlette.requests import Request

from steepest.web.http.errors import CsrfRefused

CSRF_COOKIE = "steepest_csrf"
CSRF_HEADER = "X-Steepest-CSRF"
_SAME_SITE_FETCHES = ("same-origin", "none")


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


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


def check_form_post(request: Request) -> None:
    """Refuse (403) a plain form post, sent without JavaScript, that another site could have
    made. It cannot carry the header, so it must name this site in `Origin`, which browsers
    send with every form post, and not come from another site by `Sec-Fetch-Site`."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in _SAME_SITE_FETCHES:
        raise CsrfRefused(f"refused: a request from another site ({site}) cannot change progress")
    origin = request.headers.get("origin")
    if origin is None or urlsplit(origin).netloc != request.headers.get("host"):
        raise CsrfRefused("refused: a form post must come from a page of this site")
