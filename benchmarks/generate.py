"""Realistic PR/FAQ proposals, deterministic for a seed: for the benchmarks and the tests.

``proposal_data(i, status)`` returns front matter as a dict; ``prfaq_page`` writes it as a PR/FAQ
page; ``plain_page`` writes the same content by hand as plain Markdown (what a team without the
plugin would write), so a benchmark can build both and compare.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path
from typing import Any

import yaml

from mkdocs_prfaq.contract.model import DECIDED, FULL, STATUSES

_PRODUCTS = ["PodGenie", "LedgerLens", "ShipFast", "NoteNest", "RouteWise", "QuietHours", "CartPilot",
             "DocDrop", "FleetPulse", "GreenCart", "TalentTrail", "MenuMaker", "SafeShare", "TicketTamer"]
_CUSTOMERS = ["independent podcasters", "small-business bookkeepers", "warehouse leads", "students",
              "delivery drivers", "remote teams", "online shoppers", "clinic receptionists"]
_PEOPLE = ["Ana Souza", "Ben Okafor", "Chen Wei", "Dana Levi", "Eli Martin", "Farah Khan", "Gus Berg",
           "Hana Sato", "Ivan Petrov", "Jo Adams"]
_TAGS = ["mobile", "payments", "search", "growth", "platform", "ml", "ops", "retail", "b2b", "privacy"]
_CITIES = ["SEATTLE, WA", "SAN FRANCISCO, CA", "LONDON", "BERLIN", "SÃO PAULO", "TOKYO"]
_EXTERNAL = ["How much does it cost?", "How do I get started?", "Which devices are supported?",
             "Where is my data stored?", "Can I cancel at any time?", "How do I get help?"]
_INTERNAL = ["Who is the customer and how many are there?", "What are the unit economics?",
             "What are the biggest risks?", "What are we not building?", "Why now?",
             "How will we measure success?", "What does it depend on?"]

_SENTENCE = ("Customers told us that the current process takes **too long**, costs too much and fails "
             "exactly when they need it most, so they work around it with spreadsheets and email. ")


def _paragraph(rng: random.Random, sentences: int) -> str:
    return "".join(_SENTENCE for _ in range(sentences)).strip() + f" (ref {rng.randint(100, 999)})"


def proposal_id(i: int) -> str:
    return f"{_PRODUCTS[i % len(_PRODUCTS)].lower()}-{i:05d}"


def proposal_data(i: int, status: str | None = None, seed: int = 0) -> dict[str, Any]:
    """Front matter for proposal number ``i``, complete for its status."""
    rng = random.Random(seed * 1_000_003 + i)
    status = status or STATUSES[i % len(STATUSES)]
    product = _PRODUCTS[i % len(_PRODUCTS)]
    customer = rng.choice(_CUSTOMERS)
    created = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randint(0, 600))
    data: dict[str, Any] = {
        "title": f"{product} {i} helps {customer} ship in minutes",
        "status": status,
        "owner": rng.choice(_PEOPLE),
        "created": created,
        "updated": created + datetime.timedelta(days=rng.randint(0, 90)),
        "authors": rng.sample(_PEOPLE, 2),
        "tags": rng.sample(_TAGS, 2),
        "subtitle": f"{product} gives {customer} a one-click way to get their work done.",
        "dateline": {"location": rng.choice(_CITIES),
                     "date": created + datetime.timedelta(days=rng.randint(120, 540))},
        "press_release": {
            "summary": f"Today we announce {product}, a new way for {customer} to save hours every week. "
            + _paragraph(rng, 2),
            "problem": _paragraph(rng, 3),
            "solution": _paragraph(rng, 3),
            "getting_started": f"Open the app, choose *Start with {product}*, and follow the three steps.",
            "closing": f"{product} is available today. Visit the website to learn more.",
        },
        "quotes": [
            {"kind": "leader", "name": rng.choice(_PEOPLE), "role": "VP Product",
             "text": f"We built {product} because {customer} deserve better. " + _paragraph(rng, 1)},
            {"kind": "customer", "name": "Sam Rivera", "role": customer.capitalize()[:-1],
             "text": "I used to lose an afternoon a week to this. Now it takes minutes."},
        ],
        "faq": {
            "external": [{"question": q, "answer": _paragraph(rng, 2)} for q in rng.sample(_EXTERNAL, 4)],
            "internal": [{"question": q, "answer": _paragraph(rng, 3)} for q in rng.sample(_INTERNAL, 5)],
        },
        "customer": {
            "who": customer.capitalize() + ".",
            "problem": _paragraph(rng, 1),
            "benefit": "Hours back every week.",
            "evidence": "Forty interviews and a survey of 1,200 customers.",
            "experience": "One click from the dashboard.",
        },
    }
    if status in FULL or status in DECIDED:
        data["reviewers"] = rng.sample(_PEOPLE, 2)
    if status in DECIDED:
        data["decision"] = {"date": created + datetime.timedelta(days=30), "by": [rng.choice(_PEOPLE)],
                            "summary": f"{status.capitalize()} at the quarterly review."}
    if status == "launched":
        data["launched"] = created + datetime.timedelta(days=200)
    if status == "superseded":
        data["superseded_by"] = proposal_id(i - 1 if i > 0 else i + 1)
    return data


BODY = "## Appendix\n\nNotes from the customer interviews, with *Markdown* in the page body.\n"


def prfaq_page(data: dict[str, Any], body: str = BODY) -> str:
    """A PR/FAQ page: YAML front matter and a Markdown body."""
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{front}---\n\n{body}"


_META = ("id", "title", "status", "owner", "created", "updated", "authors", "reviewers", "tags", "subtitle", "decision",
         "launched", "related", "superseded_by", "customer")


def body_page(data: dict[str, Any], body: str = BODY) -> str:
    """The same proposal in the body form: metadata in front matter, the press release, quotes
    and FAQ as Markdown sections (docs/writing-in-markdown.md)."""
    front = {k: v for k, v in data.items() if k in _META}
    pr, dateline = data["press_release"], data["dateline"]
    date = dateline["date"]
    lines = ["## Press release", "",
             f"**{dateline['location']}, {date:%B} {date.day}, {date.year}** — {pr['summary']}", ""]
    lines += [pr[k] + "\n" for k in ("problem", "solution", "getting_started") if k in pr]
    for q in data["quotes"]:
        lines += [f"> {q['text']}", f"> — {q['name']}, {q['role']} {{{q['kind']}}}", ""]
    if "closing" in pr:
        lines += [pr["closing"], ""]
    for part, title in (("external", "External FAQ"), ("internal", "Internal FAQ")):
        lines += [f"## {title}", ""]
        for qa in data["faq"][part]:
            lines += [f"### {qa['question']}", "", qa["answer"], ""]
    return prfaq_page(front, "\n".join(lines) + "\n" + body)


def plain_page(data: dict[str, Any], body: str = BODY) -> str:
    """The same content, written by hand as plain Markdown: every fact the plugin's page shows
    (people, dates, tags, decision, links, quotes with attribution, both FAQs, the customer
    questions), in the same order, with Markdown's own means (an admonition for the decision)."""
    pr, dl = data["press_release"], data["dateline"]
    facts = [f"**Status:** {data['status']}", f"**Owner:** {data['owner']}",
             f"**Authors:** {', '.join(data['authors'])}", f"**Created:** {data['created']}",
             f"**Updated:** {data['updated']}", f"**Tags:** {', '.join(data['tags'])}"]
    if data.get("reviewers"):
        facts.append(f"**Reviewers:** {', '.join(data['reviewers'])}")
    if data.get("launched"):
        facts.append(f"**Launched:** {data['launched']}")
    out = [f"---\ntitle: {data['title']}\n---\n", f"# {data['title']}\n", " · ".join(facts) + "\n"]
    if data.get("superseded_by"):
        succ = data["superseded_by"]
        out.append(f"!!! warning \"Superseded\"\n    Superseded by [{succ}]({succ}.md)\n")
    if data.get("decision"):
        d = data["decision"]
        out.append(f"!!! success \"Decision: {data['status']}, {d['date']}\"\n    Decided by: {', '.join(d['by'])}\n\n"
                   f"    {d['summary']}\n")
    out += ["## Press release\n", f"*{data['subtitle']}*\n",
            f"**{dl['location']}, {dl['date']}** – {pr['summary']}\n", pr["problem"] + "\n", pr["solution"] + "\n"]
    leader = [q for q in data["quotes"] if q["kind"] == "leader"]
    customer = [q for q in data["quotes"] if q["kind"] != "leader"]
    for q in leader:
        out.append(f"> {q['text']}\n>\n> — **Leader quote**, {q['name']}, {q['role']}\n")
    out.append(pr["getting_started"] + "\n")
    for q in customer:
        out.append(f"> {q['text']}\n>\n> — **Customer quote**, {q['name']}, {q['role']}\n")
    out += [pr["closing"] + "\n", "## FAQ\n"]
    for part in ("external", "internal"):
        out.append(f"### {part.capitalize()} FAQ\n")
        for qa in data["faq"][part]:
            out.append(f"#### {qa['question']}\n\n{qa['answer']}\n")
    out.append("## The five customer questions\n")
    questions = {"who": "Who is the customer?", "problem": "What is the customer problem or opportunity?",
                 "benefit": "What is the most important customer benefit?",
                 "evidence": "How do you know what customers need or want?",
                 "experience": "What does the customer experience look like?"}
    for key, value in data["customer"].items():
        out.append(f"**{questions[key]}**\n\n{value}\n")
    out.append(body)
    return "\n".join(out)


def write_site(root: Path, n: int, *, plugin: bool, theme: str = "material", extra: str = "",
               options: str = "", body_form: bool = False) -> Path:
    """A site of ``n`` proposals under ``root``: PR/FAQ pages with the plugin (in front matter,
    or with ``body_form`` as Markdown sections), or plain Markdown."""
    docs = root / "docs" / "proposals"
    docs.mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Proposals site\n", encoding="utf-8")
    for i in range(n):
        data = proposal_data(i)
        text = (body_page(data) if body_form else prfaq_page(data)) if plugin else plain_page(data)
        (docs / f"{proposal_id(i)}.md").write_text(text, encoding="utf-8")
    plugins = "plugins:\n  - search\n" + (f"  - prfaq{':' if options else ''}\n{options}" if plugin else "")
    extensions = "markdown_extensions:\n  - admonition\n  - toc:\n      permalink: true\n"
    (root / "mkdocs.yml").write_text(
        f"site_name: Bench\ntheme:\n  name: {theme}\n{plugins}{extensions}{extra}", encoding="utf-8"
    )
    return root
