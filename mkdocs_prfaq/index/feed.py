"""``<dir>/feed.xml``: an Atom feed (RFC 4287) of the proposals' status changes, newest first,
one entry per committed change, at most :data:`LIMIT`. Written with :mod:`xml.etree`, so every
title, name and summary is escaped; characters XML cannot hold (control characters) are dropped."""

from __future__ import annotations

import posixpath
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from ..contract.labels import status_key
from ..contract.model import Proposal

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50
FEED = "feed.xml"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 does not allow (its Char production's complement: the allowed set, up to U+10FFFF,
took Python 20-40 ms to compile on every start)."""
_EPOCH = "1970-01-01T00:00:00Z"


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


@dataclass(frozen=True)
class Entry:
    proposal: Proposal
    status: str
    before: str
    commit: str
    time: str
    author: str


def changes(proposals: Iterable[Proposal], limit: int = LIMIT) -> list[Entry]:
    """Every committed status change (each proposal's first commit included), newest first."""
    found = []
    for p in proposals:
        if p.history is None:
            continue
        before = ""
        for step in p.history.steps:
            if step.commit is not None and step.time:
                found.append(Entry(p, step.status, before, step.commit, step.time, step.author))
            before = step.status
    found.sort(key=lambda e: (e.time, e.proposal.id, e.commit), reverse=True)
    return found[:limit]


def feed_xml(proposals: Iterable[Proposal], url: Callable[[Proposal], str], labels: Mapping[str, str],
             *, site_name: str, site_url: str | None, directory: str, updated: str = "",
             limit: int = LIMIT) -> str:
    """The feed. ``url(p)`` is a proposal's page relative to the site root (``proposals/x/``);
    links are absolute under ``site_url``, else relative to the feed (RFC 4287 allows it). The
    last feed made is kept while what it is made of is the same (``mkdocs serve``: a save that
    changes no title, link or history costs a comparison)."""
    global _last
    proposals = list(proposals)
    key = (tuple([(p.id, p.written_title, url(p), p.history) for p in proposals]), tuple(labels.items()), site_name,
           site_url, directory, updated, limit)
    if _last is not None and _last[0] == key:
        return _last[1]
    text = _feed_xml(proposals, url, labels, site_name=site_name, site_url=site_url, directory=directory,
                     updated=updated, limit=limit)
    _last = (key, text)
    return text


_last: tuple[object, str] | None = None


def _feed_xml(proposals: list[Proposal], url: Callable[[Proposal], str], labels: Mapping[str, str],
              *, site_name: str, site_url: str | None, directory: str, updated: str, limit: int) -> str:
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    here = f"{directory.strip('/')}/{FEED}"

    def href(path: str) -> str:
        if base:
            return base + path
        rel = posixpath.relpath(path or ".", posixpath.dirname(here))
        return rel + "/" if path.endswith("/") and not rel.endswith("/") else rel

    def label(status: str) -> str:
        return labels.get(status_key(status), status) if status else ""

    entries = changes(proposals, limit)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    proposals_label = labels.get("proposals", "Proposals")
    # "Acme: Proposals", but "Proposals" alone where the site is named as its proposals are
    same = site_name.strip().casefold() == proposals_label.strip().casefold()
    title = f"{site_name}: {proposals_label}" if site_name and not same else proposals_label
    ET.SubElement(feed, f"{{{ATOM}}}title").text = _text(title)
    ident = uuid.uuid5(uuid.NAMESPACE_URL, f"mkdocs-prfaq:{base or site_name}:{here}")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"urn:uuid:{ident}"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = entries[0].time if entries else (updated or _EPOCH)
    if base:
        ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=base + here)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=href(f"{directory.strip('/')}/"))
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "mkdocs-prfaq"
    for e in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        change = f"{label(e.before)} \u2192 {label(e.status)}" if e.before else label(e.status)
        ET.SubElement(entry, f"{{{ATOM}}}title").text = _text(f"{e.proposal.written_title}: {change}")
        key = f"{base or site_name}:{e.proposal.id}:{e.commit}:{e.status}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = e.time
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=href(url(e.proposal)))
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = _text(e.author) or "unknown"
        summary = f"{e.proposal.written_title} is now {label(e.status)} (commit {e.commit[:12]})."
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = _text(summary)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
