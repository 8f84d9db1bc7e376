"""Batch scoring: folders and archives of specs → a SQLite results database → a league table.

``archive`` finds the inputs (files, folders, zip archives, with limits); ``run`` decides what
to score and writes each outcome; ``workers`` runs the analyses (this process, local
processes, or Dask); ``store`` is the results database; ``portfolio`` ranks what it holds.
"""
