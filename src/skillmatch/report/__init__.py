"""Render results as self-contained HTML: a report for one text and a summary page for a batch.

Both pages are one file each, with inline CSS and inline SVG, no script and no reference to
anything on the network (a Content-Security-Policy forbids it too), so they can be mailed, archived
or opened offline. The text is untrusted: everything from it is escaped.

The report shows the text with every mention highlighted in its category's colour (a short category
code after each mark keeps it readable without colour; struck-through marks are mentions that do
not count), a coverage-by-category bar chart, the seniority estimate with its evidence (underlined
in the text), the role profile and, given a job and a comparison, the fit.

    >>> from skillmatch.matcher import SkillMatcher
    >>> from skillmatch.scoring import compare
    >>> matcher = SkillMatcher.default()
    >>> cv = matcher.match("Deployed PyTorch models on AWS for 6 years.", kind="resume")
    >>> job = matcher.match("Required: PyTorch, AWS and Kubernetes.", kind="job")
    >>> html = render_report(cv, job=job, comparison=compare(cv, job))
    >>> html.count('data-skill="pytorch"')
    2

The package imports models only; it never reads files and never prints. Its modules: ``page``
(the shell: CSS, Content-Security-Policy, escaping), ``catalog`` (names, codes and colours),
``highlight`` (spans cut into well-nested marks), ``charts`` (SVG bars), ``single``
(:func:`render_report`) and ``summary`` (:class:`SummaryRow`, :func:`render_summary`).
"""

from __future__ import annotations

from skillmatch.report.single import render_report
from skillmatch.report.summary import SummaryRow, render_summary

__all__ = ["SummaryRow", "render_report", "render_summary"]
