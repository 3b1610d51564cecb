"""Campaigns: importing a merchant association's list of shops, and following its progress.

``sheet`` reads CSV/XLSX with row numbers, ``columns`` recognises French headers, ``cells``
checks each value, ``importer`` writes a checked list in one transaction, ``overview`` finds
campaigns and counts planned, visited and handed-over plans.
"""
