"""Checking a typed answer: is it the same function as the key, on the domain, and where not?"""
