"""A loss over two weights as a landscape: level sets, critical points found on a grid, gradient
descent paths, and the preset losses.
"""
