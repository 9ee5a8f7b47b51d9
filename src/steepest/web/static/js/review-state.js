// The review cards and their merge, the same rules as steepest/store/review_state.py, so the
// browser and the server agree whichever merges first: per topic, the card reviewed later
// (ties: the larger due, stability, difficulty, reps, lapses, in that order).
// The browser's copy lives in localStorage and is merged with the server's by PUT /api/review:
// on the /review page, before an export, and after an import.

import { STATIC_COPY, requestJSON } from "./api.js";

const KEY = "steepest:review";
const ORDER = ["reviewed_at", "due", "stability", "difficulty", "reps", "lapses"];

function compareCards(a, b) {
  for (const field of ORDER) if (a[field] !== b[field]) return a[field] - b[field];
  return 0;
}

export function mergeReview(a, b) {
  const cards = { ...a.cards };
  for (const [topic, card] of Object.entries(b.cards)) {
    const mine = cards[topic];
    cards[topic] = mine === undefined || compareCards(mine, card) < 0 ? card : mine;
  }
  return { cards };
}

// Leniently: a malformed card is left out (the server would refuse the whole document).
export function readReview(value) {
  const cards = {};
  for (const [topic, card] of Object.entries(value?.cards ?? {})) {
    const positive = card && card.stability > 0 && card.difficulty > 0;
    if (positive && ORDER.every((field) => Number.isFinite(card[field]) && card[field] >= 0)) {
      cards[topic] = Object.fromEntries(ORDER.map((field) => [field, card[field]]));
    }
  }
  return { cards };
}

export function loadReview() {
  try {
    return readReview(JSON.parse(window.localStorage.getItem(KEY) ?? "null"));
  } catch {
    return { cards: {} }; // storage disabled or holding junk
  }
}

export function adoptReview(state) {
  const merged = mergeReview(loadReview(), readReview(state));
  try {
    window.localStorage.setItem(KEY, JSON.stringify(merged));
  } catch {
    // Without storage the server's copy is the only one.
  }
  return merged;
}

// Send this browser's cards, keep the merge of both. Offline (or a static copy), keep ours.
export async function syncReview() {
  if (STATIC_COPY) return loadReview();
  try {
    return adoptReview(await requestJSON("PUT", "/api/review", loadReview()));
  } catch {
    return loadReview();
  }
}
