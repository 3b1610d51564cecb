"""The domain core of Diag Terrain: questionnaires, answers, scores, plans, store, reports.

Pure Python: no UI, no network, no environment reading; configuration is passed in.
"""
