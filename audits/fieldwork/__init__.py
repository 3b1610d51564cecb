"""Services of the advisor's app: what a screen asks of the domain, in one call each.

The Flet app (``app/``) stays a thin layer of views over these functions: parsing what the
advisor types, the wizard's sections and progress, the plan kept in the store across
recomputations, the PDF of a stored visit, signatures, follow-up visits, the home screen's
figures and the data export. Pure Python and the store only: no UI, no network.
"""
