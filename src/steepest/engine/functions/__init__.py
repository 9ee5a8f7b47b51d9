"""The table of functions a learner may type (`table`): for each one its names, its SymPy
function, its float, array and browser evaluations, its error-bound rule (`error_bounds`), its
derivative for the steps and how the printers write it.
"""
