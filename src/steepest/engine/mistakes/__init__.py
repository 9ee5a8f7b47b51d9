"""Named mistakes: slips (rewrites of the derivative rules) and the catalogue of likely wrong
answers, matched against what a learner typed.
"""
