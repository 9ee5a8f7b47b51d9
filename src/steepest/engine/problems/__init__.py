"""Problems with typed answers: the kinds, their answer keys and worked solutions, generated
practice problems, and mastery of the practice levels.
"""
