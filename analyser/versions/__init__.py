"""Version comparison: how a specification's scope changed between drafts.

``comparison`` holds the records (Change, ProblemLink, Comparison, History); ``align`` matches
requirements one to one across two versions; ``compare`` links the problems of two or more
reports and says whether scope grew; ``render`` writes comparisons as JSON or Markdown.
"""
