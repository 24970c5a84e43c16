"""Every word the layouts and the index show: one table, overridable with ``labels:`` in config."""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_LABELS: dict[str, str] = {
    # sections
    "press_release": "Press release",
    "faq": "FAQ",
    "external_faq": "External FAQ",
    "internal_faq": "Internal FAQ",
    "customer": "The five customer questions",
    "appendix": "Appendix",
    # the five customer questions
    "customer.who": "Who is the customer?",
    "customer.problem": "What is the customer problem or opportunity?",
    "customer.benefit": "What is the most important customer benefit?",
    "customer.evidence": "How do you know what customers need or want?",
    "customer.experience": "What does the customer experience look like?",
    # header facts
    "status": "Status",
    "owner": "Owner",
    "authors": "Authors",
    "reviewers": "Reviewers",
    "created": "Created",
    "updated": "Updated",
    "tags": "Tags",
    "launched": "Launched",
    "related": "Related",
    "decision": "Decision",
    "decided_by": "Decided by",
    "superseded_by": "Superseded by",
    "words": "Length",
    "press_release_words": "press release: {count} words",
    "faq_words": "FAQ: {count} words",
    "leader_quote": "Leader quote",
    "customer_quote": "Customer quote",
    # statuses
    "draft": "Draft",
    "in-review": "In review",
    "approved": "Approved",
    "launched_status": "Launched",
    "deferred": "Deferred",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "superseded": "Superseded",
    # index
    "proposals": "Proposals",
    "all_of_status": "All {status}",
    "roadmap": "Roadmap",
    "filter": "Filter",
    "search_placeholder": "Title, subtitle or id",
    "sort": "Sort by",
    "no_matches": "No proposal matches these filters.",
    "shown_of": "{shown} of {total} proposals",
    "launch_date": "Launch",
    "title_sort": "Title",
    "no_roadmap": "No approved or launched proposal yet.",
    "no_date": "No date",
}


def status_key(status: str) -> str:
    """``launched`` is both a status and a date label; the status's label key is ``launched_status``."""
    return "launched_status" if status == "launched" else status


def merge_labels(overrides: Mapping[str, str] | None) -> dict[str, str]:
    """The default table with a site's overrides. Unknown keys raise ``KeyError`` naming them."""
    labels = dict(DEFAULT_LABELS)
    if overrides:
        unknown = sorted(set(overrides) - set(labels))
        if unknown:
            raise KeyError(", ".join(unknown))
        labels.update({k: str(v) for k, v in overrides.items()})
    return labels
