"""Explaining a derivation: the same sentences written as plain text, as MathML, and as the JSON
report the CLI and the API share.
"""
