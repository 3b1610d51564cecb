"""Screens of the app: functions and small classes that lay out controls from a view-model.

No business logic here: a view reads its view-model (``app/state``), binds each control's
events to a view-model method, then refreshes what changed. One module per screen.
"""
