// Talking to the server's JSON API. Requests that change what the server keeps about the
// learner carry the CSRF token from the `steepest_csrf` cookie in the X-Steepest-CSRF header.
//
// A copy made by `steepest export` and put on a plain static host has no API: its pages carry
// `<html data-static-export>`, and every call fails at once with a StaticCopyError whose message
// the widgets show as it is, instead of a request that could only fail.

export const STATIC_COPY = document.documentElement.hasAttribute("data-static-export");
export const STATIC_NOTE = "Checking answers needs a Steepest server; this is a static copy.";

export class ApiError extends Error {
  constructor(status, message, column = null) {
    super(message);
    this.status = status;
    this.column = column;
  }
}

export class StaticCopyError extends ApiError {
  constructor() {
    super(0, STATIC_NOTE);
  }
}

// What to tell the learner when a call failed: the static-copy note, else `fallback`.
export function failureText(error, fallback) {
  return error instanceof StaticCopyError ? error.message : fallback;
}

// fetch() for the API, refused without a request on a static copy.
export function apiFetch(url, options) {
  if (STATIC_COPY) return Promise.reject(new StaticCopyError());
  return fetch(url, options);
}

// A new visitor gets the CSRF cookie with the first fetch of progress (progress.js): a change
// sent before that has answered, such as a click on "Show the solution" as the page opens,
// waits for it instead of being refused.
let sessionReady = Promise.resolve();

export function awaitSession(request) {
  sessionReady = request.then(
    () => undefined,
    () => undefined,
  );
}

function csrfToken() {
  const found = document.cookie.split("; ").find((part) => part.startsWith("steepest_csrf="));
  return found ? decodeURIComponent(found.slice("steepest_csrf=".length)) : "";
}

export async function requestJSON(method, url, body = undefined) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") {
    if (!csrfToken()) await sessionReady;
    headers["X-Steepest-CSRF"] = csrfToken();
  }
  const response = await apiFetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data?.error ?? {};
    throw new ApiError(response.status, error.message ?? `the server answered ${response.status}`, error.column ?? null);
  }
  return data;
}

export function newAttemptId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}
