"""View-models of the app: one class per screen, plain Python, calling ``audits`` and ``sync``.

They hold what a screen shows and do what its buttons ask; they never import flet, so every
handler is testable without a page, and the views in ``app/views`` stay logic-free.
"""
