"""The practice topics: the one table of what a "Practice more" panel can offer.

A topic is a kind of generated problem a learner masters on its own: three right in a row at
a level master that level of that topic, whatever else they practise. A lesson chooses its
topics by name in its front matter (`practice: [partial, gradient]`); the web, the store and
the compute workers read the names here. No SymPy: the web process and the lesson loader use
this table, and `generator.GENERATORS` holds the function that makes each topic's problems.

To add a topic: add a row here, and its generator to `generator.GENERATORS`
(tests/engine/test_practice.py fails while one has a topic the other lacks).
"""

from __future__ import annotations

from dataclasses import dataclass

from steepest.engine.answer_kinds import TYPED_KINDS, ProblemKind


@dataclass(frozen=True)
class Topic:
    name: str
    """How a lesson names it; lowercase letters and `_`, so it can travel inside a token."""
    title: str
    """What the panel calls it."""
    kinds: tuple[ProblemKind, ...]
    """What its problems ask; each new problem draws one of these."""
    levels: tuple[str, str, str]
    """What each level holds, level 1 first."""
    templates: tuple[int, int, int] = (1, 1, 1)
    """How many templates each level draws from (`deal.py`); a problem's seed names one.
    Must match the generator's tables (tests/engine/test_practice_variety.py checks)."""


_LOSSES = ("polynomials", "products", "exp, log and trig")
_NINE = (9, 9, 9)

TOPICS: dict[str, Topic] = {
    topic.name: topic
    for topic in (
        Topic("partial", "Partial derivatives", ("partial",), _LOSSES, _NINE),
        Topic("gradient", "Gradients", ("gradient", "gradient_at"), _LOSSES, _NINE),
        Topic("descent", "Descent steps", ("descent",), _LOSSES, _NINE),
        Topic("optimum", "Best value on an interval", ("optimum",),
              ("quadratics", "cubics", "exp and log"), _NINE),
        # Every kind a lesson's typed question may ask: the panel as it was before topics.
        Topic("mixed", "Derivatives, mixed", TYPED_KINDS, _LOSSES, _NINE),
        Topic("derivative", "Derivatives", ("derivative",),
              ("polynomials", "products and powers", "exp, log and trig"), _NINE),
        Topic("stable_rate", "Largest stable learning rate", ("stable_rate",),
              ("one weight", "a separable bowl", "a bowl with a cross term"), _NINE),
        Topic("hessian", "Hessians", ("hessian",),
              ("quadratics", "cubics", "products and powers"), _NINE),
        Topic("critical_point", "Minimum, maximum or saddle", ("critical_point",),
              ("quadratics", "cubics", "a double well"), _NINE),
        Topic("momentum_step", "Momentum steps", ("momentum_step",),
              ("one weight", "a separable bowl", "a bowl with a cross term"), _NINE),
        Topic("minibatch_gradient", "Minibatch gradients", ("batch_gradient",),
              ("two examples", "three examples", "three, one x negative"), _NINE),
        Topic("adam_step", "Adam and RMSProp steps", ("adam_step", "rmsprop_step"),
              ("one weight", "a separable bowl", "a bowl with a cross term"), _NINE),
        Topic("backprop", "Backpropagation through a small graph", ("gradient_at",),
              ("one neuron", "two layers", "exp, log and the logistic loss"), _NINE),
    )
}  # fmt: skip

DEFAULT_TOPIC = "mixed"
"""What a lesson with typed questions and no `practice` field offers, and what a request for a
problem that names no topic gets: the panel as it was before topics."""

_TOPIC_BEFORE_TOPICS: dict[ProblemKind, str] = {
    "partial": "partial",
    "gradient": "gradient",
    "gradient_at": "gradient",
    "descent": "descent",
    "optimum": "optimum",
}
KINDS_BEFORE_TOPICS: tuple[ProblemKind, ...] = tuple(_TOPIC_BEFORE_TOPICS)
"""The kinds practice asked before attempts named a topic; an attempt of any later kind always
names its own."""


def topic_before_topics(kind: ProblemKind) -> str:
    """The topic of a practice attempt recorded before attempts named one: the topic made for
    its kind of problem ("mixed" aside). Fixed, unlike the table, because it describes attempts
    already stored; the migration that added topics (store/migrations/versions/0002) spells
    the same rule out in SQL."""
    return _TOPIC_BEFORE_TOPICS[kind]
