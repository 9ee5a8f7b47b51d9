"""Optimizers as lessons state them: update rules, their walks, learning-rate schedules, the tuned
momentum of a quadratic, and minibatches of a data set generated from a seed."""

from __future__ import annotations
