"""What a PR/FAQ's words mean, in one place: section and group names, press-release parts and
the template labels that name them, question and answer labels, the verbs that attribute a quote,
month names and the one date reader. The body form (:mod:`.body`) and ``import``
(:mod:`..commands.importer`) both read documents with these words; the layouts write dates with
:data:`MONTHS`.
"""

from __future__ import annotations

import calendar
import datetime
import re

# -- sections -------------------------------------------------------------------------------------

PRESS_RELEASE = frozenset({"press release", "pr", "working backwards", "the press release"})
EXTERNAL = frozenset({"external faq", "customer faq", "public faq", "customer questions", "external questions",
                      "customer faqs", "external faqs"})
INTERNAL = frozenset({"internal faq", "internal/technical faq", "internal / technical faq", "technical faq",
                      "business faq", "stakeholder faq", "internal faqs", "internal questions",
                      "internal and technical faq"})
FAQ = frozenset({"faq", "faqs", "frequently asked questions", "questions and answers", "q&a"})
GROUPS = {"external": EXTERNAL | {"external", "customer", "customers", "public", "users", "for customers"},
          "internal": INTERNAL | {"internal", "business", "technical", "stakeholders", "team", "internal/technical"}}
"""Group names under a ``## FAQ``: the section names, and their short forms."""
_AUDIENCE = re.compile(r"^(?:questions\s+)?(?:for|from)\s+(?P<who>.{1,80})$"
                       r"|^(?P<whose>.{1,80}?)\s+(?:questions|faqs?)$")
_INTERNAL_AUDIENCE = re.compile(r"\b(?:decid\w*|decision[- ]?makers?|business|stakeholders?|leadership|leaders?|"
                                r"executives?|management|investors?|internal|team|company|build(?:ing)? it|"
                                r"engineering|builders?|us)\b")
_EXTERNAL_AUDIENCE = re.compile(r"\b(?:customers?|users?|using it|buyers?|press|public|external|clients?|"
                                r"subscribers?|readers?|developers? using)\b")


def audience(heading: str) -> str | None:
    """The group a FAQ heading names by its audience: ``For the person using it`` -> external,
    ``For the people deciding whether to build it`` / ``Questions from investors`` -> internal;
    None for a heading that names no audience, or both."""
    m = _AUDIENCE.match(normalise(heading))
    if m is None:
        return None
    who = m.group("who") or m.group("whose") or ""
    internal, external = _INTERNAL_AUDIENCE.search(who), _EXTERNAL_AUDIENCE.search(who)
    if bool(internal) == bool(external):
        return None
    return "internal" if internal else "external"

# -- press-release parts --------------------------------------------------------------------------

PART_ORDER = ("summary", "problem", "solution", "getting_started", "closing")
"""The press release's parts, in the order the layouts show them."""
PART_TITLES = {"summary": "Summary", "problem": "Problem", "solution": "Solution",
               "getting_started": "Getting started", "closing": "Closing"}
PARTS = {
    "summary": "summary", "problem": "problem", "the problem": "problem", "solution": "solution",
    "the solution": "solution", "getting started": "getting_started", "how to get started": "getting_started",
    "how it works": "solution", "closing": "closing", "call to action": "closing", "availability": "getting_started",
}
"""Subsection names and ``**Label:**`` names the body form reads as a part."""

TEMPLATE_LABELS: dict[str, str] = {}
for _what, _spellings in {
    "title": ("heading", "headline", "title"),
    "subtitle": ("subheading", "sub-heading", "subtitle", "sub-title", "subhead", "subheadline"),
    "summary": ("summary", "intro", "intro paragraph", "introduction", "introductory paragraph", "opening",
                "opening paragraph", "summary paragraph"),
    "problem": ("problem", "problems", "customer problem", "customer problems", "problem paragraph",
                "the problem", "customer's problem", "customer's problems"),
    "solution": ("solution", "solution paragraph", "our solution", "the solution"),
    "getting_started": ("getting started", "how to get started", "customer's job-to-be-done",
                        "customer job-to-be-done", "customer's job to be done", "customer experience",
                        "the customer experience"),
    "closing": ("closing", "call to action", "closing and call to action", "closing paragraph"),
    "quote:leader": ("leader's quote", "leader quote", "quote from you", "quote from a leader", "leadership quote",
                     "company quote", "spokesperson quote", "your quote", "leader's quotes", "leader quotes"),
    "quote:customer": ("customer quote", "customer's quote", "customer testimonial", "quote from a customer",
                       "customer quotes", "customer testimonials", "testimonials", "customer's quotes"),
    "quote:": ("quote", "quotes"),
}.items():
    for _spelling in _spellings:
        TEMPLATE_LABELS[_spelling] = _what
"""Template labels (``Summary:``, ``Leader's Quote:``) and section names by what they are: a part,
the title, the subtitle, or a quote of a kind (``quote:`` for a quote of no stated kind), as
``import`` reads an original."""

# -- questions, answers, quotes -------------------------------------------------------------------

Q_PREFIX = re.compile(r"^(?:Q\d*|Question\s*\d*)\s*[:.)]\s*", re.IGNORECASE)
"""A question's label: ``Q:``, ``Q1.``, ``Question 2:``."""
A_PREFIX = re.compile(r"^\s*(?:(?:\*\*|__)(?:A\d*|(?i:answer))\s*[:.](?:\*\*|__)|(?:A\d*|(?i:answer))\s*[:.])"
                      r"(?=\s|$)[ \t]*")
"""An answer's label: ``A:``, ``A.``, ``**A:**``, ``Answer:``, followed by a space or the line's end
(never ``A.I. features`` or ``A) free, or B) paid``)."""
SAID = ("said", "says", "added", "adds", "explained", "explains", "noted", "notes", "shared", "shares",
        "commented", "comments", "stated", "states", "continued", "continues", "observed", "observes",
        "remarked", "remarks", "recalled", "recalls", "wrote", "writes", "reflected", "reflects", "concluded",
        "concludes", "admitted", "admits", "agreed", "agrees", "declared", "declares", "told us", "tells us",
        "put it", "puts it", "according to")
"""Words that attribute a quote in prose, before the speaker (``"...," said Name, Role.``,
``"...," according to Name.``) or after (``"...," Surname added.``, ``"...," Name, Role, says.``);
``according to`` only before."""
TERM_VERBS = frozenset({"said", "says"})
"""The attribution verbs with no other sense before a name: the only ones that attribute a
quotation with no end punctuation inside its marks (``"...surprise" said Miguel``; after a quoted
term any other verb narrates: ``"Undo" adds Undo History.``), and the only ones after which a
speaker may be named in lowercase (``"...," said bell hooks.``)."""
OPEN_QUOTES = "\"“„«"
CLOSE_QUOTES = "\"”“»"
_ABBREVIATIONS = frozenset({
    "dr", "mr", "mrs", "ms", "mx", "prof", "sr", "jr", "st", "mt", "inc", "co", "corp", "ltd", "llc", "eng", "dept",
    "univ", "bros", "gov", "sen", "rep", "gen", "col", "capt", "lt", "sgt", "rev", "hon", "jan", "feb", "mar", "apr",
    "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "al", "no", "approx", "e.g", "i.e", "plc", "gmbh", "llp",
    "pty"})
"""A word whose ``.`` ends no sentence (``Dr.``, ``Inc.``, ``J.``, ``co.``): a speaker's words run on."""
SPEAKER_WORDS = 12
"""At most this many words name a speaker and their role (``a KFabrik contributor``, ``Miguel,
head of infrastructure at Tick co., ltd.``): a longer run after ``said`` is prose."""


def speaker(who: str, *, role_required: bool = False) -> tuple[str, str] | None:
    """An attribution's speaker as ``(name, role)``: ``Name, Role`` / ``Name at Company`` (the
    role), ``Name`` or ``the author`` (no role: ``''``, the speaker as the text names them);
    None for what names no speaker (empty, too long, a quotation mark or a brace in it), or,
    with ``role_required``, for a speaker without a role."""
    who = " ".join(who.split()).strip().rstrip(",").strip()
    last = who.rsplit(None, 1)[-1].lower().rstrip(".") if who else ""
    if who.endswith(".") and not who.endswith("..") and last not in _ABBREVIATIONS:
        who = who[:-1].rstrip()  # the sentence's end, not an abbreviation's ('Inc.', 'co., ltd.')
    if not who or len(who) > 200 or len(who.split()) > SPEAKER_WORDS or \
            any(c in who for c in OPEN_QUOTES + CLOSE_QUOTES + "{}"):
        return None
    name, _, role = who.partition(",")
    if not role.strip():
        at = re.match(r"^([A-Z][^,]*?)\s+(?:at|of|from)\s+(\S.*)$", who)
        if at:
            name, role = at.group(1), at.group(2)
    name, role = name.strip(), role.strip()
    if not name or len(name) > 80 or len(name.split()) > 6 or (role_required and not role):
        return None
    return name, role


PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me", "this",
                      "that", "these", "those", "someone", "somebody", "everyone", "nobody", "nothing", "something",
                      "everything", "all", "so", "why", "what", "how", "who", "which", "there", "here"})
"""Words a speaker never starts with (``"It works," he said.``, ``"X" says it all.``): no named speaker."""
_DETERMINERS = frozenset({"the", "a", "an", "our", "my", "their", "his", "her", "its", "your", "another", "one",
                          "each", "every", "some", "any"})
PERSON_NOUNS = frozenset({
    "author", "authors", "customer", "user", "adopter", "contributor", "founder", "cofounder", "co-founder",
    "engineer", "manager", "developer", "lead", "leader", "member", "spokesperson", "spokesman", "spokeswoman",
    "rider", "commuter", "tester", "reviewer", "director", "executive", "ceo", "cto", "cfo", "coo", "cpo", "vp",
    "head", "owner", "designer", "analyst", "researcher", "scientist", "teacher", "student", "parent", "patient",
    "doctor", "nurse", "client", "buyer", "shopper", "subscriber", "reader", "writer", "employee", "partner",
    "investor", "maintainer", "operator", "admin", "administrator", "architect", "officer", "president", "chair",
    "chairperson", "chairman", "chairwoman", "representative", "participant", "volunteer", "organiser", "organizer",
    "host", "speaker", "attendee", "expert", "consultant", "advisor", "adviser", "mentor", "colleague", "person",
    "creator", "builder", "programmer", "practitioner", "professional", "specialist", "coordinator",
    "principal", "sponsor", "champion", "advocate", "beta", "pilot", "fan", "player", "gamer", "traveller",
    "traveler", "driver", "listener", "viewer", "visitor", "guest", "resident", "neighbour", "neighbor", "citizen",
    "farmer", "worker", "employer", "seller", "merchant", "vendor", "supplier", "retailer", "editor", "journalist",
    "reporter", "blogger", "photographer", "artist", "musician", "chef", "owner-operator", "entrepreneur",
    "strategist", "marketer", "recruiter", "accountant", "lawyer", "attorney", "physician", "clinician",
    "therapist", "caregiver", "coach", "trainer", "instructor", "professor", "lecturer", "educator", "learner",
    "novice", "newcomer", "veteran", "hobbyist", "enthusiast", "runner", "cyclist", "skater", "rep", "intern",
    "staffer", "technician", "dev", "sre", "pm", "steward", "moderator", "captain",
    "commissioner", "secretary", "treasurer", "mayor", "minister", "governor", "senator", "official", "agent",
})
"""The last word of a speaker that is no name (``the author``, ``an early adopter``, ``a KFabrik
contributor``, ``pilot user``): someone, not something (``the sign``, ``a step``)."""
_AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do",
                          "does", "did", "will", "would", "can", "could", "shall", "should", "may", "might", "must",
                          "not", "never"})
FUNCTION_WORDS = PRONOUNS | _DETERMINERS | _AUXILIARIES | frozenset({
    "no", "none", "nor", "neither", "either", "both", "few", "many", "most", "more", "much", "less", "least",
    "little", "enough", "several", "other", "others", "such", "same", "own", "anyone", "anybody", "anything",
    "everybody", "noone", "ones", "yes", "and", "or", "but", "if", "then", "than", "because", "though", "although",
    "while", "when", "where", "whether", "whose", "whom", "as", "at", "by", "for", "from", "in", "into", "of", "off",
    "on", "onto", "out", "over", "to", "under", "up", "upon", "with", "within", "without", "about", "above", "after",
    "again", "against", "ago", "along", "aloud", "also", "always", "among", "around", "away", "back", "before",
    "behind", "below", "beside", "besides", "between", "beyond", "down", "during", "else", "even", "ever", "except",
    "first", "further", "hence", "however", "instead", "just", "last", "later", "let", "like", "meanwhile", "near",
    "next", "now", "once", "only", "often", "perhaps", "quite", "rather", "really", "since", "soon", "still", "thus",
    "till", "today", "together", "tomorrow", "tonight", "too", "twice", "until", "very", "via", "well", "yesterday",
    "yet", "already", "almost", "best", "better", "myself", "yourself", "himself", "herself", "itself", "ourselves",
    "themselves", "mine", "yours", "hers", "ours", "theirs", "whoever", "whatever", "whichever", "passing", "alone",
    "otherwise", "anyway", "indeed", "maybe", "nowhere", "somewhere", "everywhere", "anywhere", "said", "says",
    "earlier", "afterwards", "afterward", "elsewhere", "online", "offline", "verbatim", "outright", "overnight",
    "somehow", "anyhow", "beforehand", "ahead", "apart", "abroad", "inside", "outside", "aside", "forth", "nearby",
    "anew", "sometimes", "plenty", "lots", "half", "various", "numerous", "countless", "certain", "amid", "amidst",
    "amongst", "across", "through", "throughout", "toward", "towards", "past", "per", "despite", "unlike", "beneath",
    "underneath", "atop", "onstage", "backstage", "overseas", "unprompted", "ok", "okay"})
"""Words that never name anyone on their own: pronouns, determiners, auxiliaries, prepositions,
conjunctions and adverbs (``said nothing``, ``said once and for all``, ``is what users said``)."""
_PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "la", "le", "al", "el",
                        "bin", "ibn", "bint", "dos", "das", "do", "y", "e", "ter", "ten", "zu", "af", "and", "&"})
_PARTICIPLE_FOLLOWERS = frozenset({"at", "to", "the", "a", "an", "that", "as", "with", "toward", "towards", "into",
                                   "from", "on", "in", "up", "back", "out", "over", "his", "her", "their", "its",
                                   "our", "my", "it", "them", "him", "me", "us", "around", "across", "through",
                                   "down", "off", "about", "for", "how", "what", "why", "while", "and"})


def named_speaker(name: str) -> bool:
    """Whether an attribution's speaker (without its role) names someone: a name (capitalised
    words, ``Dr. Jo Lee``, ``Jo de la Cruz``, ``[SPOKESPERSON NAME]``), or someone unnamed
    (``the author``, ``a customer``, ``an early adopter``, ``pilot user``, ``the head of design``);
    never a pronoun (``he``, ``it all``), a thing (``the sign``, ``a step``) or narrator prose
    (``nothing about weekends``, ``MTTR - fell by half``)."""
    words = name.split()
    if not words or words[0].lower() in PRONOUNS:
        return False
    if name.startswith("[") and name.endswith("]"):
        return True  # a template's placeholder: [SPOKESPERSON NAME]
    first = words[0].lower()
    if first not in _DETERMINERS and all(_name_word(w) for w in words) and any(w[0].isalpha() and not w[0].islower()
                                                                              for w in words):
        return True
    if first in FUNCTION_WORDS and first not in _DETERMINERS:
        return False  # 'during the beta', 'throughout the pilot': a preposition or adverb opens narration
    head = words[1:] if first in _DETERMINERS else words
    if first in _DETERMINERS and len(words) > 2 and words[1].lower() == "of":  # 'one of our customers'
        head = words[2:] if words[2].lower() not in _DETERMINERS else words[3:]
    for k, w in enumerate(head):  # 'the head of design': the noun before 'of' / 'at' / 'from' / 'in'
        if w.lower() in ("of", "at", "from", "in", "for", "with", "on"):
            head = head[:k]
            break
    if not head or any(not w[:1].isalpha() or w.lower() in _AUXILIARIES or w.lower() in PRONOUNS for w in head):
        return False  # 'is what users': narration
    noun = head[-1].lower().strip(".")
    return noun in PERSON_NOUNS or (noun.endswith("s") and noun[:-1] in PERSON_NOUNS)


_LOWERCASE_WORD = re.compile(r"^[^\W\d_]+(?:['.\-][^\W\d_]+)*\.?$")
"""A lowercase word of a name: letters, maybe joined by ``.`` ``'`` ``-`` (``k.d.``, ``will.i.am``)."""


def lowercase_name(name: str) -> bool:
    """Whether a speaker's words name someone in lowercase, as some people write their names
    (``bell hooks``, ``danah boyd``, ``k.d. lang``, ``e e cummings``): two or three words (one
    lowercase word is an adverb or an object far more often than a name: ``said backstage``,
    ``said ok``) unless it holds a dot (``will.i.am``), each a
    word of a name or a lowercase word of letters that is no function word (:data:`FUNCTION_WORDS`:
    ``nothing``, ``once and for all``, ``is what users``) and no adverb (``quietly``). Only an
    attribution by a :data:`TERM_VERBS` verb of a quotation that ends its sentence may name
    someone so: after other verbs lowercase words are an object (``"Pause," adds friction.``)."""
    words = name.split()
    if not (2 <= len(words) <= 3 or (len(words) == 1 and "." in words[0].strip("."))):  # 'will.i.am'
        return False
    for word in words:
        w = word.lower()
        if w.rstrip(".") in FUNCTION_WORDS or not _LOWERCASE_WORD.match(w):
            return False
        if word[0].islower() and w.endswith("ly") and "." not in w:
            return False  # an adverb: 'said quietly'
    return True


def _name_word(word: str) -> bool:
    """A word of a name: capitalised (or a letter of a script without case), an initial, a particle."""
    w = word.strip("()[]").rstrip(".,")
    if not w:
        return False
    if w.lower() in _PARTICLES:
        return True
    return w[0].isalpha() and not w[0].islower()


def participle(role: str) -> bool:
    """Whether what follows a speaker's comma is narration, not a role: a participle phrase
    (``pointing at the door``, ``adding that it ships soon``, ``smiling``), never a role such as
    ``engineering manager`` or ``marketing lead``."""
    words = role.split()
    if not words or not words[0].islower() or not words[0].rstrip(".,;").endswith("ing"):
        return False
    return len(words) == 1 or words[1].lower().rstrip(".,") in _PARTICIPLE_FOLLOWERS


_ROLE_WORDS = frozenset({"of", "at", "from"})
"""Words after a name that introduce its role (``Jo Lee at Acme``, :func:`speaker`)."""
_DESCRIBING = frozenset({"in", "for", "with", "on"})
"""Words that go on describing someone unnamed (``a teacher in Ohio``, ``a volunteer with the
Red Cross``); after a name they open narration (``Jo Lee in an interview``)."""
NARRATION_OPENERS = FUNCTION_WORDS - _DETERMINERS - PRONOUNS - _AUXILIARIES - _PARTICLES - _ROLE_WORDS - {
    "said", "says", "no", "none", "neither", "either", "both", "few", "many", "most", "more", "much", "less", "least",
    "little", "enough", "several", "other", "others", "such", "same", "own", "anyone", "anybody", "anything",
    "everybody", "noone", "ones", "various", "numerous", "countless", "certain", "plenty", "lots", "half", "mine",
    "yours", "hers", "ours", "theirs", "whoever", "whatever", "whichever", "myself", "yourself", "himself", "herself",
    "itself", "ourselves", "themselves"}
"""Words that open narration after a speaker's name (``said Jo Lee during the beta``, ``said Jo
Lee yesterday``, ``said Jo Lee via email``): prepositions, conjunctions and adverbs, never a
word that joins a name (``de``, ``and``) or introduces its role (``at``, ``of``, ``from``)."""
_ROLE_NARRATION = frozenset({"during", "after", "before", "since", "until", "till", "amid", "amidst", "throughout",
                             "while", "when", "yesterday", "today", "tonight", "tomorrow", "earlier", "later",
                             "afterwards", "afterward", "meanwhile", "once", "again", "last"})
"""Words that open narration when they open a part of a role after a comma (``said Jo Lee, VP
Product, during the beta``): times and events, never what a role may say (``now at Acme``,
``in charge of sales``, ``formerly of Acme``)."""
_TIME_NOUNS = frozenset({"morning", "afternoon", "evening", "night", "week", "weekend", "month", "year", "quarter",
                         "spring", "summer", "autumn", "fall", "winter", "day", "time", "season", "sprint"})
"""``this week``, ``every morning``: a time phrase after a name, narration."""
_TIME_DEICTICS = frozenset({"this", "that", "every", "each", "one", "next", "last"})


def narration_start(who: str) -> int | None:
    """Where narration starts in an attribution's words after its verb (an offset into ``who``),
    or None when every word is the speaker's: a preposition, conjunction or adverb after a name
    (``Jo Lee during the beta``, ``Jo Lee proudly``, ``Jo Lee this morning``; after someone
    unnamed, ``in`` / ``for`` / ``with`` / ``on`` go on describing them: ``a teacher in Ohio``),
    or a time or event opening a part of the role after a comma (``Jo Lee, VP, during the
    beta``). The words before it still have to name someone (the caller asks
    :func:`named_speaker`). Linear in ``who``."""
    words = list(re.finditer(r"\S+", who))
    if not words:
        return None
    unnamed = words[0].group().lower() in _DETERMINERS
    segment_start = True  # the word opens a part of the role after a comma
    in_name = True  # before the first comma
    for k, m in enumerate(words):
        word = m.group()
        bare = word.lower().strip("().,;:!?")
        if k and in_name:
            time = bare in _TIME_DEICTICS and k + 1 < len(words) and \
                words[k + 1].group().lower().strip(".,;:!?") in _TIME_NOUNS
            if word[:1].islower() and (time or (bare in NARRATION_OPENERS and not (unnamed and bare in _DESCRIBING))
                                       or (bare.endswith("ly") and len(bare) > 4 and bare.isalpha())):
                return m.start()
        elif not in_name and segment_start and word[:1].islower() and (
                bare in _ROLE_NARRATION or (bare in _TIME_DEICTICS and k + 1 < len(words)
                                            and words[k + 1].group().lower().strip(".,;:!?") in _TIME_NOUNS)):
            return m.start()
        segment_start = word.endswith(",")
        in_name = in_name and not segment_start
    return None


COMPANY_ABBREVIATIONS = ("inc", "corp", "ltd", "llc", "co", "plc", "gmbh", "llp", "pty")
"""Abbreviations that end a company's name (``Acme Inc.``): followed by a capitalised word, their
``.`` also ends the sentence (``... CEO of Acme Inc. Pre-orders open today.``)."""


def sentence_end(text: str, start: int = 0) -> int | None:
    """Where the first sentence of ``text`` from ``start`` ends: the index of a ``.``, ``!`` or
    ``?`` followed by a space and a capital letter or a quotation mark (``Dr.``, ``Inc.`` and
    initials end none), or None. Linear in the text."""
    for m in re.finditer(r"[.!?](?=\s+[A-Z" + OPEN_QUOTES + r"])", text[start:]):
        at = start + m.start()
        before = text[max(start, at - 12) : at].split()
        word = before[-1].lower().lstrip("(") if before else ""
        if text[at] != "." or not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            return at
    return None
ATTRIBUTION_DASHES = ("—", "–", "--", "-", "―")
CUSTOMER_ROLE = re.compile(r"\b(?:users?|customers?|clients?|subscribers?|beta testers?|early adopters?|buyers?|"
                           r"shoppers?|patients?|students?)\b", re.IGNORECASE)
"""A quote's role that names a customer (``early user``, ``Customer``): a customer quote whatever its place."""

# -- names as compared ----------------------------------------------------------------------------

_ATTRS = re.compile(r"\{([^{}]*)\}\s*$")
_NUMBERED = re.compile(r"^(?:(?:part|section|chapter|step)\s+(?:\d{1,3}|[ivx]{1,5}|one|two|three|four|five)\b"
                       r"\s{0,3}[:.)—–-]?|\d{1,3}[.)]|[ivx]{1,5}[.)])\s{0,3}(?:[—–-]\s{0,3})?")
"""A section's number before its name: ``Part 1 —``, ``2.``, ``III.``, ``Section 3:``."""


def normalise(heading: str) -> str:
    """``  External FAQ: `` -> ``external faq``: case, spacing, emphasis, a trailing colon and
    ``{...}`` ignored."""
    text = _ATTRS.sub("", heading).strip().rstrip(":").strip()
    return " ".join(text.replace("*", "").replace("_", " ").lower().split())


def section_name(heading: str) -> str:
    """A section heading as compared with the names above, without a number before it:
    ``## Part 1 — Press Release`` and ``## 2. FAQ`` name the press release and the FAQ."""
    name = normalise(heading)
    bare = _NUMBERED.sub("", name, count=1).strip()
    return bare or name


# -- dates ----------------------------------------------------------------------------------------

MONTHS: tuple[str, ...] = tuple(calendar.month_name[1:])
"""``January`` ... ``December`` (Python's own names: English unless a program set another locale)."""
if MONTHS[0] != "January":  # a process that set another locale before this import: the English names
    MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
_MONTH_NUMBER = {m.lower(): n for n, m in enumerate(MONTHS, 1)}

DATE = (r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
        r"|\d{1,2}(?:st|nd|rd|th|\.)?\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}"
        r"|\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.?,?\s+\d{4}|\d{4}-\d{2})")
"""The dates a dateline may give (a regular expression, no group): ``April 27, 2027``,
``Apr. 27th 2027``, ``27 April 2027``, ``27. April 2027``, ``2027-04-27``, and a month alone:
``August 2027``, ``Aug. 2027``, ``2027-08``."""
DATE_FORMS = "Month D, YYYY; D Month YYYY; YYYY-MM-DD; Month YYYY; YYYY-MM"
"""The forms :data:`DATE` reads, as a message names them."""
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b")


def month(word: str) -> int | None:
    """``April`` / ``Apr`` / ``Apr.`` / ``Sept`` -> its number; None when it is no month."""
    word = word.lower().rstrip(".")
    if word in _MONTH_NUMBER:
        return _MONTH_NUMBER[word]
    return next((v for k, v in _MONTH_NUMBER.items() if len(word) >= 3 and k.startswith(word)), None)


def read_date(text: str) -> tuple[datetime.date, bool] | None:
    """A dateline's date as ``(date, month_only)``: ``April 27, 2027`` -> ``(2027-04-27, False)``,
    ``August 2027`` / ``2027-08`` -> ``(2027-08-01, True)``; None when it names no day or month
    that exists (``Feb 30, 2027``, ``2027``, ``Smarch 3, 2027``)."""
    text = text.strip().rstrip(",.").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.date.fromisoformat(text), False
        m = re.fullmatch(r"(\d{4})-(\d{2})", text)
        if m:
            return datetime.date(int(m.group(1)), int(m.group(2)), 1), True
        words = _ORDINAL.sub(r"\1", text).replace(",", " ").replace(".", " ").split()
        if len(words) == 3:
            month_word, day, year = (words[0], words[1], words[2]) if words[0][:1].isalpha() else \
                (words[1], words[0], words[2])
            number = month(month_word)
            if number and day.isdigit() and year.isdigit() and len(year) == 4:
                return datetime.date(int(year), number, int(day)), False
        if len(words) == 2 and words[0][:1].isalpha() and words[1].isdigit() and len(words[1]) == 4:
            number = month(words[0])
            if number:
                return datetime.date(int(words[1]), number, 1), True
    except ValueError:
        return None
    return None


def parse_date(text: str) -> str:
    """``April 27, 2027`` / ``27 April 2027`` / ``2027-04-27`` -> ``2027-04-27``; ``August 2027``
    -> ``2027-08``; anything else as written (the schema then says what is wrong)."""
    text = text.strip().rstrip(",.")
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return text
    found = read_date(text)
    if found is None:
        return text
    date, month_only = found
    return f"{date:%Y-%m}" if month_only else date.isoformat()


def long_date(date: datetime.date, month_only: bool = False) -> str:
    """``April 27, 2027`` (press-release style), or ``April 2027``."""
    name = MONTHS[date.month - 1]
    return f"{name} {date.year}" if month_only else f"{name} {date.day}, {date.year}"
