"""The feed's title names the site and its proposals once: "Acme: Proposals", and "Proposals"
alone for a site named as its proposals are (it read "Proposals: Proposals")."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from mkdocs_prfaq.contract.labels import merge_labels
from mkdocs_prfaq.index import feed


@pytest.mark.parametrize(("site_name", "labels", "expected"), [
    ("Acme", None, "Acme: Proposals"),
    ("Proposals", None, "Proposals"),
    (" proposals ", None, "Proposals"),
    ("", None, "Proposals"),
    ("Ideas", {"proposals": "Ideas"}, "Ideas"),
    ("Acme", {"proposals": "Ideas"}, "Acme: Ideas"),
])
def test_the_feed_title_names_the_proposals_once(site_name: str, labels: dict[str, str] | None, expected: str) -> None:
    text = feed.feed_xml([], lambda p: "", merge_labels(labels), site_name=site_name, site_url=None,
                         directory="proposals")
    title = ET.fromstring(text).find(f"{{{feed.ATOM}}}title")
    assert title is not None and title.text == expected
