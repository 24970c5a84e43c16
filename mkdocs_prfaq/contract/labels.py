"""Every word the layouts and the index show: one table, overridable with ``labels:`` in config."""

from __future__ import annotations

from collections.abc import Mapping

from .lifecycle import DEFAULT, Lifecycle

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
    "all_proposals": "All proposals",
    "by_status": "By status",
    "all_of_status": "All proposals with status {status}",
    "roadmap": "Roadmap",
    "filter": "Filter",
    "search_placeholder": "Title, subtitle or id",
    "sort": "Sort by",
    "no_matches": "No proposal matches these filters.",
    "shown_of": "{shown} of {total} proposals",
    "launch_date": "Launch",
    "target_launch": "Target launch",
    "title_sort": "Title",
    "no_roadmap": "No approved or launched proposal yet.",
    "no_date": "No date",
    # status history (from git)
    "history": "Status history",
    "in_status": "In status",
    "day": "{count} day",
    "days": "{count} days",
    "days_at_least": "at least {count} days",
    "stale": "Stale",
    "stale_title": "In this status longer than the site allows ({count} days)",
    "not_committed": "not committed",
    "feed": "Status changes (Atom feed)",
    # pages with problems
    "invalid": "Invalid",
    "problems": "Not a valid PR/FAQ (problems: {count}); shown as written",
}

STATUS_LABEL_KEYS = frozenset({"draft", "in-review", "approved", "launched_status", "deferred", "rejected",
                               "withdrawn", "superseded"})
"""The built-in statuses' keys in the table (their labels come from the site's lifecycle)."""
OTHER_LABELS = frozenset(DEFAULT_LABELS) - STATUS_LABEL_KEYS


def status_key(status: str) -> str:
    """A status's key in the label table: its name, or ``<name>_status`` where the name is
    another label's (``launched`` is also the launch date's label: ``launched_status``)."""
    return f"{status}_status" if status in OTHER_LABELS else status


def label_keys(lifecycle: Lifecycle = DEFAULT) -> list[str]:
    """Every key ``labels:`` may set for a site with this lifecycle."""
    return [*(k for k in DEFAULT_LABELS if k in OTHER_LABELS), *(status_key(s) for s in lifecycle.names)]


def merge_labels(overrides: Mapping[str, str] | None, lifecycle: Lifecycle = DEFAULT) -> dict[str, str]:
    """The default table, the lifecycle's status labels, and a site's overrides. Unknown keys
    raise ``KeyError`` naming them."""
    labels = {k: v for k, v in DEFAULT_LABELS.items() if k in OTHER_LABELS}
    labels.update((status_key(s.name), s.label) for s in lifecycle.statuses)
    if overrides:
        unknown = sorted(set(overrides) - set(labels))
        if unknown:
            raise KeyError(", ".join(unknown))
        labels.update({k: str(v) for k, v in overrides.items()})
    return labels
