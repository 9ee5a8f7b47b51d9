"""The app behind a TestClient, typed: the tests that swap a part of it or look inside."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.testclient import TestClient

from steepest.web.http.state import AppState


def app_of(client: TestClient) -> FastAPI:
    """`client.app` is typed as any ASGI app; every client here wraps Steepest's FastAPI app."""
    app = client.app
    assert isinstance(app, FastAPI)
    return app


def state_of(client: TestClient) -> AppState:
    state = app_of(client).state.steepest
    assert isinstance(state, AppState)
    return state
