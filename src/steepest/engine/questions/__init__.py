"""A lesson's typed questions: the statement each asks about, worked out by the claims' own
evaluator, and a learner's answer diagnosed against its value, with the mistakes it invites.
"""
