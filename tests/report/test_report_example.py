"""The hand-built example of ``report_example`` keeps the contract of ``models.py``."""

from __future__ import annotations

from report_example import example_comparison, example_job, example_resume


def test_example_mentions_slice_their_text() -> None:
    for result in (example_resume(), example_job()):
        mentions = [m for h in result.skills for m in h.mentions]
        mentions += result.excluded + result.signals
        assert mentions
        for m in mentions:
            assert result.text[m.start : m.end] == m.text
        for ev in result.seniority.evidence:
            assert result.text[ev.start : ev.end] == ev.text


def test_example_comparison_misses_kubernetes_and_gcp() -> None:
    comparison = example_comparison()
    assert comparison.required_missing == ["kubernetes"]
    assert comparison.preferred_missing == ["gcp"]
    nm = comparison.near_misses[0]
    assert example_resume().text[nm.start : nm.end] == nm.phrase
