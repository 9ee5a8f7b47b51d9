"""Spaced review of mastered practice topics: FSRS schedules one card per topic, and a review
is one generated practice problem of that topic. No clock here: every function is given the
time, so a test passes a fixed one and the web layer the real one."""
