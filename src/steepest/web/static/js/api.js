// Talking to the server's JSON API. Requests that change what the server keeps about the
// learner carry the CSRF token from the `steepest_csrf` cookie in the X-Steepest-CSRF header.

export class ApiError extends Error {
  constructor(status, message, column = null) {
    super(message);
    this.status = status;
    this.column = column;
  }
}

function csrfToken() {
  const found = document.cookie.split("; ").find((part) => part.startsWith("steepest_csrf="));
  return found ? decodeURIComponent(found.slice("steepest_csrf=".length)) : "";
}

export async function requestJSON(method, url, body = undefined) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-Steepest-CSRF"] = csrfToken();
  const response = await fetch(url, {
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
