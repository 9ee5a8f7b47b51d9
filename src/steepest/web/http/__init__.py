"""HTTP plumbing: the error mapping, prepared and cached bodies, static files, templates, the body
limit and the state the app holds for its lifetime.
"""
