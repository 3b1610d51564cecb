"""Benchmarks: each module prints its figures as ratios against a baseline of the same run."""
