"""Diag Terrain's user-facing layer: the Flet app and the ``diagterrain`` CLI."""
