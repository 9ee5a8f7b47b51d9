"""The course as the server offers it: the lesson library, lesson pages made ready to render,
quizzes, and the learner's own function under a worked example.
"""
