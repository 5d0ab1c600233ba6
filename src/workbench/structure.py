"""Job structure: one record per role a document describes.

``analyse(text, title=None, language=None)`` puts the pieces together (roles,
sections, taxonomy, time allocation, skills and requirements) and returns a list
of role records::

    {role, spans, sections, responsibilities, time_allocation, time_allocation_check,
     skills, experience_years, education, languages}

A posting for one job gives one record whose span is the whole text; a document
that discusses several roles gives one record per role context
(:mod:`workbench.role_split`).
``attach_mentions`` then maps pay mentions (character spans from the salary
engine) to records.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, pairwise

from .gates import Gated
from .requirements import (
    extract_education,
    extract_experience,
    extract_languages,
    extract_skills,
)
from .role_split import (
    _TITLE_FIELD_RE,
    _compares,
    _header_title,
    _in_spans,
    _title_keys,
    _words,
    split_roles,
)
from .roles import classify_role, find_role_mentions
from .sections import cue_kind, heading_kind, split_sections
from .taxonomy import classify_responsibility, is_action_verb, job_context, needs_object
from .text import lost_breaks, original_offset, restore_breaks, restored_offset
from .timealloc import extract_time_allocation

__all__ = ["analyse", "attach_mentions", "split_roles"]

# A pay mention outside every role span still belongs to the role just before it
# when it is this close (a heading or a line between).
_NEAREST_PRECEDING_CHARS = 300


# A sentence ends at ".!?" before a capital, or at ";" / Chinese marks.
# A sentence break: a ".!?;。；！？" mark, then blanks before a capital or a Chinese character (not
# after an initial or "e.g.": "U.S. base salary" is one sentence; no blank is needed, but a dot after
# a blank opens a name: "C# .Net"), or ";" and blanks; and the blank before "Do
# you" / "Are you" ..., "This role will", "You will" after a lower-case letter. _PROSE_SPLIT says it as one pattern (kept for the
# tests); _prose_pieces finds the same breaks with patterns that open with the mark or the blank,
# which the engine finds in C (a look-behind first is tried at every character).
# Sentences run together with no mark: "... construction support This role will contribute ...".
# ("What You'll Do" is a heading glued whole: no break after "What".)
_GLUED_OPENERS = r"(?<![Ww]hat )(?:(?:This|The) (?:role|position|job) (?:will|involves|includes)\b|You(?:'ll|’ll| will)\b)"
_PROSE_SPLIT = re.compile(r"(?<=[.!?。；;！？])(?<![\s.][A-Z]\.)(?<!^[A-Z]\.)(?<!e\.g\.)(?<!i\.e\.)(?:\s+|(?<!\s\.))(?=[A-ZА-ЯЁ\u4e00-\u9fff])|(?<=[;；])\s+|"
                          r"(?<=[a-z]) (?=(?:Do|Are|Have|Can|Would|Is) you\b|" + _GLUED_OPENERS + ")")
_PROSE_BREAK = re.compile(r"[.!?。；;！？](?:(?<![\s.][A-Z]\.)(?<!^[A-Z]\.)(?<!e\.g\.)(?<!i\.e\.)(?:\s+|(?<!\s\.))(?=[A-ZА-ЯЁ\u4e00-\u9fff])|(?<=[;；])\s+)")
_QUESTION_BREAK = re.compile(r" (?<=[a-z] )(?=(?:Do|Are|Have|Can|Would|Is) you\b)")
# _GLUED_OPENERS as a pattern that opens with its capital (found in C), the blank before it checked after.
_GLUED_OPENER_RE = re.compile(r"(?:Th(?:is|e) (?:role|position|job) (?:will|involves|includes)|You(?:'ll|’ll| will))\b")


def _glued_opener(text: str, at: int) -> bool:
    """Does a _GLUED_OPENER_RE match at ``at`` follow a lower-case letter and a blank, not after "What"?"""
    return at >= 2 and text[at - 1] == " " and "a" <= text[at - 2] <= "z" and text[max(0, at - 5):at] not in ("What ", "what ")


def _prose_pieces(text: str) -> list[str]:
    """``_PROSE_SPLIT.split(text)``: the text cut at its sentence breaks (the marks kept)."""
    cuts = [(m.start() + 1, m.end()) for m in _PROSE_BREAK.finditer(text)]
    if " you" in text:
        cuts += [(m.start(), m.end()) for m in _QUESTION_BREAK.finditer(text)]
    if "You" in text or " role " in text or " position " in text or " job " in text:
        cuts += [(m.start() - 1, m.start()) for m in _GLUED_OPENER_RE.finditer(text, 1) if _glued_opener(text, m.start())]
    if len(cuts) > 1:
        cuts.sort()
    if not cuts:
        return [text]
    out = []
    prev = 0
    for a, b in cuts:
        out.append(text[prev:a])
        prev = b
    out.append(text[prev:])
    return out


# A sentence that only elaborates the one before it stays with it ("This includes ...").
_FOLLOW_ON = re.compile(r"(?:(?:this|these|that|it|which) (?:will |would |may )?(?:includ|involv|mean|cover|consist|entail)|"
                        r"including|e\.g\.|for example|such as|i\.e\.)", re.IGNORECASE)
_SPLIT_MIN = 100  # shorter items are one duty

# Lines shaped like requirements never become duties, wherever they sit.
_REQUIREMENT_RE = re.compile(
    r"(?:(?:an? |the |be )?(?:ability|able) to|experience (?:with|in|of|using|working|managing|selling|leading)|"
    r"\d+\+? ?(?:years?|yrs)|minimum|at least|proven|demonstrated|track record|strong\b|excellent\b|good\b|solid\b|"
    r"demonstrates? (?:an? )?(?:[\w-]+ )?(?:knowledge|understanding|awareness|experience|expertise|proficiency|ability)\b|"
    r"exceptional|outstanding|superior|knowledge (?:of|in)|working knowledge|(?:deep |a |an )?understanding of|"
    r"(?:an? )?(?:in-depth|extensive|thorough|broad) (?:[\w-]+ )?(?:understanding|knowledge|expertise|experience)\b|"
    r"background in\b|an? (?:[\w,-]+ ){1,3}(?:individual|team member|team player|person|professional|self-starter|"
    r"communicator|mentality)\b|"
    r"familiar|proficien|fluen|bilingual|mastery|(?:[\w-]+ )?mindset\b|bachelor|master'?s|degree|diploma|(?:a |an )?(?:bachelor|degree|strong|proven|solid|"
    r"excellent|good|valid|full|clean)\b|must\b|should\b|you (?:have|are|bring|possess|love|enjoy|like|thrive)\b(?! responsible)|you(?:'re|’re)(?! responsible)|"
    r"willing|willingness|comfortable|passion|passionate|self-|highly|team player|detail|expert|skilled|certifi|"
    r"(?:flexible|adaptable|organi[sz]ed|motivated|resilient|reliable|dependable|enthusiastic|ambitious|proactive|"
    r"personable|outgoing|confident|tenacious|curious|driven)\b|"
    r"eligib|right to work|driving licen|preferred|desired|nice to have|plus:|desire to|advanced\b|"
    r"опыт|знани|умени|навык|высшее|образовани|готовност|желани|уверенн|хорош|отличн|понимани|владени|способност|"
    r"базов\w* знани|целеустремл|адаптивн|гибкост|стремлени|коммуникабельн|стрессоустойчив|обучаем|пунктуальн|"
    r"(?:знать|уметь|владеть|иметь|имеете|обладаете|умеете|владеете|знаете)\b|"
    r"熟悉|具备|精通|本科|大专|学历|经验|良好|优秀|要求)",
    re.IGNORECASE)
_REQUIREMENT_TAIL_RE = re.compile(  # matched against lower-cased text
    r"\b(?:is|are|would be|will be) (?:a |an )?(?:plus|advantage|desirable|preferred|beneficial|bonus)|"
    r"\ba plus\b|nice to have|будет плюсом|приветствуется|будет преимуществом|优先")
# "This is a hands-on engineering role focused on building ...", "... role where you'll be responsible for ...",
# "This is a hands-on role working across multiple sites, installing ...":
# the role's work, not talk about the posting.
_ROLE_WHERE = r"an? (?:[\w-]+,? ){0,4}(?:role|position|job) (?:where you|in which you|focused on|focusing on|responsible for|" \
              r"working (?:across|on|with|within)|involving)\b"
# A line about the company, the team or the posting itself, not the job holder's work.
_NOT_HOLDER_RE = re.compile(
    r"(?:we\b|we're|we’re|we've|we’ve|our\b|us\b|they\b(?! will be responsible)|their\b(?! role is)|there (?:is|are|will)|"
    r"here,? (?:you|we)|"
    r"this (?:opportunity|company|team|is\b(?! " + _ROLE_WHERE + r")|(?:position|role) is\b(?! (?:also )?(?:responsible|accountable|expected to)))|"
    r"the (?:role combines|ideal|successful (?:candidate|applicant|individual) (?:will )?"
    r"(?:have|be(?! responsible| accountable)|possess|ideally|need))|"
    r"the (?:company|team|business) (?:is|are|has|was|offers|provides)\b|"
    r"at [A-Z]|join\b|why\b|what\b|who\b|how\b|(?:when|if)\b(?! (?:needed|required|necessary|appropriate|requested)\b)|"
    r"do you|are you|"
    r"ready|interested|proud\b|welcome to\b|learn more|visit\b|click|find out|see (?:more|our)|(?:job |reference |ref )?(?:title|number|ref|reference|location|type|salary|start date|"
    r"closing date|employment type|contract|hours|schedule|department|industry|remote)\s*[:#]|min\b|max\b|"
    r"candidates?\b|applicants?\b|the person\b|position can|this is (?!" + _ROLE_WHERE + r")an? |performance will be|but\b|and as\b|"
    r"мы\b|наш|наша|компания\b|我们|公司)", re.IGNORECASE)
# A sentence about a named company: "Acme is a leading provider ...", "IQVIA has offices in ...".
_COMPANY_SUBJECT_RE = re.compile(r"[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,4} (?:is|are|was|were|has|have)\b(?! to\b)")
# Company, career and posting talk anywhere in a line.
# Every alternative opens with a literal word (the optional article is its own alternative, tried first
# as the optional group was), so the pattern is tried only where one of them starts (~3x cheaper).
_WE = r"(?:we|we're|we’re)\b"
_NOT_HOLDER_ANYWHERE_RE = Gated(  # matched against lower-cased text
    rf"^{_WE}|, {_WE}|; {_WE}|: {_WE}|! {_WE}|"
    r"\b(?:is|are) (?:seeking|looking for|hiring|proud)\b|\byour (?:career|development|growth)\b|"
    r"\b(?:an? |this )(?:exciting|unique|fantastic|great|rare) opportunity\b|"
    r"\b(?:exciting|unique|fantastic|great|rare) opportunity\b|\bworks? under (?:\w+ )?supervision\b|"
    r"\b(?:compensation|salary|pay) range\b|\b(?:be|is) (?:based|located) (?:in|at|out of)\b|"
    r"\b(?:important|matters?) to us\b|\breserves? the right\b|\b(?:this|the) (?:job|position|role) description\b|"
    r"\bnot (?:intended|meant) to be\b|\bis not a contract\b|\bqualif(?:y|ies) for\b|\b(?:is|are) eligible\b|\b(?:hybrid|remote|flexible) working\b|"
    r"\b(?:role|position|job) (?:is )?(?:based|located) (?:in|at|out of)\b|, our (?:[\w-]+ ){1,5}(?:is|are|has|have)\b|"
    r"\b(?:suits?|perfect for|ideal for) (?:someone|an? (?:candidate|individual|person))\b|"
    r"\b(?:perfect|ideal|right) (?:candidate|fit|match|person) for\b|"
    r"\b(?:so|where|while|because) we\b|"  # "... outside of your control, so we track ...": the company's doing
    r"\b(?:rely|relies|count|counts) on us\b|\btrusts? us\b")  # "investors rely on us to ...", "Customers trust us with ..."
# Who or what a line is about when it opens with a clause: "Operating out of ..., they employ ...",
# "Working at Acme means ...", "Your expertise will play ..." (not "Your responsibilities will ...").
_NOT_HOLDER_OPENING_RE = re.compile(  # matched against lower-cased text
    r"\w+ing\b[^,]{3,100}, (?:they|it|the company|the business|the firm)\b|working (?:at|for) .{2,60} means\b|"
    r"your (?!(?:key |main |core |day-to-day |primary )?(?:role|responsibilit\w*|duties|work|job|day|tasks?|mission|focus)\b)"
    r"(?:[\w-]+ ){1,3}(?:is|are|will|would)\b")
# Words each of its alternatives holds: a line with none of them is never tried against it.
_NOT_HOLDER_WORDS = (", we", "; we", ": we", "! we", "seeking", "looking for", "hiring", "proud", "your ",
                     "opportunity", "supervision", " range", "based ", "located ", "qualif", "eligible", " working",
                     ", our ", " to us", "reserve", "description", "intended", "meant", "not a contract",
                     "suit", "perfect", "ideal", "right candidate", "right fit", "right match", "right person",
                     " we ", " us ")

# The reporting line, where the work is done and the recruiter's small print (matched against
# lower-cased text; each pattern opens with a literal, which the engine looks for in C).
_REPORTS_TO_RE = re.compile(r"report(?:s|ing)? (?:directly )?(?:in)?to\b")
_REPORTER_RE = re.compile(r"\b(?:role|position|you|incumbent|individual|person) (?:will |would |shall )?(?:be )?"
                          r"(?:remote and )?$")
_WORK_PLACE_RE = re.compile(r"work(?:ing)? (?:from|at|in) (?:home|another location|(?:an?|our|the|one of our) "
                            r"(?:[\w&'’-]+ ){0,3}(?:office|location)s?\b)")
_REMOTE_RE = re.compile(r"\b(?:is|be|performed) (?:fully |100% |mostly |primarily |entirely )?(?:remote|virtual)\b")
# An outcome promised, no activity ("you will be making a meaningful impact", "make a real difference").
_IMPACT_RE = re.compile(r"\bmak(?:e|ing) (?:an?|real) (?:[a-z]+ ){0,2}(?:impact|difference)\b")
_SMALL_PRINT = ("commuting distance", "your cv", "your resume", "your résumé", "employment agency",
                "employment business", "upon applying", "when applying", "follow us", "find us on",
                "many more are available", "please read", "please note", "job advert", "compensation offered",
                "offers given", "posting will close", "application window", "unsolicited resume",
                "eeo policy", "know your rights", "listed below", "specified below", "outlined below",
                "described below", "this document", "title for this role", "title in the contract",
                "internal title for")

# What a job gives the holder, said as if it were work ("you'll build a career at ...", "gain hands-on experience").
_OFFER_PHRASES = ("build a career", "build your career", "gain hands-on experience", "gain hands on experience",
                  "gaining hands-on experience", "gaining hands on experience")


def _small_print(low: str) -> bool:
    """Does the lower-cased line state the reporting line ("this role will report to"), where
    the work is done ("work from our office", "is fully remote", "will be performed fully virtual"),
    recruiters' and the posting's small print ("your CV", "employment agency", "the compensation offered
    will depend on ...", "the application window closes ...")?"""
    if "report" in low:
        for m in _REPORTS_TO_RE.finditer(low):
            if _REPORTER_RE.search(low, max(0, m.start() - 40), m.start()) is not None:
                return True
    if "work" in low and _WORK_PLACE_RE.search(low) is not None:
        return True
    if ("remote" in low or "virtual" in low) and _REMOTE_RE.search(low) is not None:
        return True
    if ("impact" in low or "difference" in low) and _IMPACT_RE.search(low) is not None:
        return True
    return any(map(low.__contains__, _SMALL_PRINT))


def _not_holder_anywhere(low: str) -> bool:
    """Does the lower-cased line hold company, career or posting talk (``_NOT_HOLDER_ANYWHERE_RE``)?"""
    if low.startswith("your ") or low[:low.find(" ")].endswith("ing"):
        if _NOT_HOLDER_OPENING_RE.match(low) is not None:
            return True
    if not low.startswith("we") and not any(map(low.__contains__, _NOT_HOLDER_WORDS)):
        return False
    return _NOT_HOLDER_ANYWHERE_RE.search(low) is not None


# Requirement words in a line that does not open with an action ("Hands-on experience with ...").
_REQUIREMENT_WORD_RE = re.compile(  # matched against lower-cased text
    r"\b(?:skills?|proficiency|experience|experienced|knowledge|qualifications?|qualified|degree|certification|"
    r"certified|required|requires?|requirements|must|licen[cs]e|clearance)\b|\byou must\b|\bis required\b")
# Benefit words in a line that does not open with an action ("33 days holiday", "Employee Health plan").
_BENEFIT_WORD_RE = re.compile(  # matched against lower-cased text
    r"\b(?:holidays?|vacation|pto|pension|insurance|premiums?|stipends?|401\(?k|stock purchase|equity|bonus|"
    r"health (?:plan|care|cover)|dental|medical|wellness|wellbeing|discounts?|parental leave|paid leave|"
    r"employee assistance|working environment|perks?|benefits?|progression|career|commissions?|отпуск|дмс|страховани|"
    r"оформлени[ея] по тк)\b")
_REQUIRES_RE = re.compile(  # matched against lower-cased text
    r"\byou must\b|^you need to\b|\b(?:is|are) required\b|^requires?\b|^(?:have|has|are|is|can)\b")
_MONEY_RE = re.compile(r"[$£€₽¥]\s?\d|\d\s?(?:руб|₽|元|万)|\b(?:USD|GBP|EUR|RUB)\b")
# Words each alternative of a pattern holds: a lower-cased line with none of them is not
# tried against it (a substring test is many times cheaper than a failed search).
_REQUIREMENT_TAIL_WORDS = ("plus", "advantage", "desirable", "preferred", "beneficial", "bonus", "nice to have",
                           "будет плюсом", "приветствуется", "будет преимуществом", "优先")
_REQUIRES_OPENERS = ("require", "have", "has", "are", "is", "can", "you need to")


def _requirement_tail(low: str) -> bool:
    """Does the lower-cased line say something is a plus (``_REQUIREMENT_TAIL_RE``)?"""
    return any(map(low.__contains__, _REQUIREMENT_TAIL_WORDS)) and _REQUIREMENT_TAIL_RE.search(low) is not None


def _requires(low: str) -> bool:
    """Does the lower-cased line state a requirement (``_REQUIRES_RE``)?"""
    if not low.startswith(_REQUIRES_OPENERS) and "must" not in low and "required" not in low:
        return False
    return _REQUIRES_RE.search(low) is not None
_MIN_WORDS = 3
_SUBHEADING_MAX = 6


_SMALL_WORDS = frozenset({"and", "of", "the", "for", "to", "&", "with", "in", "our", "your", "on", "a"})


def _is_subheading(text: str) -> bool:
    """A short title-case phrase left alone ("Leadership & Team Growth", "Prototype & Product
    Development"): a sub-heading, no duty."""
    words = text.rstrip(":").split()
    if len(words) > _SUBHEADING_MAX or text[-1:] in ".;!?":
        return False
    if not all(w[:1].isupper() or not w[:1].isalpha() or w in _SMALL_WORDS for w in words):
        return False
    # "Complete Flash Report", "Reconcile to GL" are orders; "Communicating and Influencing" names a skill
    return not _opens_with_action(text) or "&" in text or "/" in text or len(words) <= (3 if words[0].endswith("ing") else 2)


# A statement of how much the holder travels ("up to 25% travel", "requires 20% domestic travel"),
# not an ability or a willingness to travel (a requirement).
_TRAVEL_DUTY_RE = re.compile(r"\b\d{1,3} ?%[^.;]{0,40}\btravel|\btravel(?:ling|ing)?\b[^.;]{0,30}\b\d{1,3} ?%")
def _pay_range(text: str, low: str) -> bool:
    """Does the line state a range of money that is no deal, budget or sales value (pay)?"""
    if "$" not in text and "£" not in text and "€" not in text and "₽" not in text:
        return False
    return _PAY_RANGE_RE.search(text) is not None and _VALUE_WORDS_RE.search(low) is None


_VALUE_WORDS_RE = re.compile(r"\b(?:values?|budgets?|deals?|worth|revenue|sales|contracts?|spend|orders?|portfolio)\b")
_NEGATED_RE = re.compile(r"\b(?:does|do|will|shall|would|is|are) not (?:have|include|require|involve|be)\b")
_PAY_RANGE_RE = re.compile(r"[$£€₽]\s?\d[\d,.]*\s?[kK]?\s?(?:-|–|to)\s?[$£€₽]?\s?\d")
_OTHER_DUTIES_RE = Gated(  # matched against lower-cased text; tried only where 'other'/'additional' starts
    r"\b(?:other|additional)\b[^.;:]{0,40}?\b(?:duties|tasks|responsibilities|functions|projects)\b[^.;:]{0,60}?"
    r"\b(?:assigned|required|requested|needed|directed|necessary|delegated)\b")
# A value written in the first person ("Take Action I am empowered ...", "Grow Talent I own my
# development ..."): the company's creed, no duty. ("Phase I trials", "Tier I support" say no "am"/"my".)
_FIRST_PERSON_RE = re.compile(r"\bI (?:am|'m|’m|[a-z]+ly)\b|\bI [a-z]+\b.*\b(?:my|myself|me)\b")
_TRAVEL_ABILITY_RE = re.compile(r"\b(?:ability|able|willing|willingness|open|prepared|happy|ready|must be)\b")


@lru_cache(maxsize=65536)
def _is_duty_shaped(text: str, strict: bool = True) -> bool:
    """Could ``text`` be a duty? Not a requirement, benefit, pay, applying, company or
    legal line, not about the company, the candidate or the posting, and not a fragment
    (a sub-heading left alone). ``strict=False`` lets a line that opens with no action
    verb hold requirement, money or benefit words."""
    text = text.lstrip("*_#+ ")
    # The word lists are matched against a lower-cased copy: several times faster than IGNORECASE.
    low = text.lower()
    if "travel" in low and _TRAVEL_DUTY_RE.search(low) is not None and _TRAVEL_ABILITY_RE.search(low) is None:
        return True  # "Up to 20% travel is required": the holder will travel, a duty (area other)
    if ("other" in low or "additional" in low) and _OTHER_DUTIES_RE.search(low) is not None:
        return True  # "Other duties as assigned", "Any other tasks assigned by the manager" (area other)
    if _other_talk(text, low):
        return False
    action = _opens_with_action(text)
    if _tool_requirement(text):
        return False  # "OpenShift – опыт развертывания ...": a tool, then what the holder must know of it
    if cue_kind(text) is not None or _words(text) < (2 if action or _action_noun(text) else _MIN_WORDS) \
            or _is_subheading(text):
        return False
    if action or not strict or _duty_sentence(low):
        return True
    return not (_REQUIREMENT_WORD_RE.search(low) or _MONEY_RE.search(text) or _BENEFIT_WORD_RE.search(low))


# _REQUIREMENT_RE and _NOT_HOLDER_RE for lower-cased text: the same matches, ~3x faster than IGNORECASE.
_REQUIREMENT_LOW_RE = re.compile(_REQUIREMENT_RE.pattern)
_NOT_HOLDER_LOW_RE = re.compile(_NOT_HOLDER_RE.pattern.replace("[A-Z]", "[a-z]"))


# A line made only of a posting's field values ("Contract Full time", "Permanent | Hybrid").
_FIELD_WORDS = frozenset({"contract", "permanent", "temporary", "temp", "full", "part", "time", "full-time", "part-time",
                          "hybrid", "remote", "on-site", "onsite", "fixed", "term", "fixed-term", "|", "-", "/", ","})


def _field_value(low: str) -> bool:
    """Is the lower-cased line only employment-type words ("contract full time")?"""
    words = low.split()
    return len(words) >= 2 and all(w.strip(",|/") in _FIELD_WORDS for w in words)


# A participial clause, then a named subject and its verb: "Operating at the intersection of ...,
# Principal builds ...", "Founded in 1998, Acme serves ..." (not "Working with the CFO, prepare ...").
_NAMED_AFTER_CLAUSE_RE = re.compile(r"[A-Z][a-z]+(?:ing|ed) (?:at|in|as|for|by|since|across|with|from|on)\b[^,]{3,100}, [A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3} "
                                    r"[a-z]+s\b")


_RU_YEARS_RE = re.compile(r"не менее \d+(?:-?х)? (?:лет|год)")


def _other_talk(text: str, low: str) -> bool:
    """Is the line (``low``: lower-cased) a requirement, about the company, the candidate or the
    posting, small print, a question or lead-in, a first-person creed, a negation or pay?"""
    if _REQUIREMENT_LOW_RE.match(low) is not None or _requirement_tail(low):
        return True
    if "не менее" in low and _RU_YEARS_RE.search(low) is not None:
        return True  # "Работа в проектных организациях не менее 3-х лет": years of experience asked
    if _requires(low) or _NOT_HOLDER_LOW_RE.match(low) is not None and not _they_will(low):
        return True
    if _COMPANY_SUBJECT_RE.match(text) is not None and not _duty_sentence(low):
        return True
    if " will " in text and _role_will_not_work(text) and not _duty_sentence(low):
        return True  # "The Engagement Manager will utilize their skills ...", "... will report to ..."
    if _not_holder_anywhere(low) or _not_action(low) or _small_print(low):
        return True
    if ("I " in text) and _FIRST_PERSON_RE.search(text) is not None:
        return True
    if ("responsible for" in low or "отвеча" in low) and _team_responsible(low):
        return True  # "Core Technology (CT) is a global team responsible for ...", "Она отвечает за ..."
    if any(map(low.__contains__, _LEVEL_WORDS)) and _LEVEL_RE.search(low) is not None:
        return True  # "Exercises independent judgment within defined parameters": how senior the grade is
    if "mak" in low and _MISSION_RE.search(text) is not None:
        return True  # "Make Google Cloud the preferred choice for customers ...": the company's mission
    if _physical_demand(text, low):
        return True  # "OccasionalLifting/Carrying (under 25 lbs.)", "Concentrating for long periods of time"
    if ("career" in low or "hands" in low) and any(map(low.__contains__, _OFFER_PHRASES)):
        return True  # "Now, you'll build a career at the forefront of ...": what the job gives
    if text.startswith("Not ") or _field_value(low):
        return True  # "Not prompt engineering": what the job is not; "Contract Full time": a field's value
    if ("ing " in text[:16] or "ed " in text[:16]) and _NAMED_AFTER_CLAUSE_RE.match(text) is not None:
        return True  # "Operating at the intersection of ..., Principal builds ...": the company's doing
    # "This position does not have direct reports", "UK Remote | £75,000 to £90,000"
    return " not " in low and _NEGATED_RE.search(low) is not None or _pay_range(text, low)


# A team, group or department (not its members) as what is responsible: the unit's remit, not the
# holder's duty ("The Data Group within the Department of Data Sciences is responsible for developing
# ...", "Core Technology (CT) is a global team responsible for ..."); Russian "Она отвечает за ..." (it: the
# team named before) and "команду, которая отвечает за" (not "роли, которая отвечает за": the holder's).
_TEAM_RESPONSIBLE_RE = re.compile(  # matched against lower-cased text
    r"\b(?:team|group|department|division|unit|function|organi[sz]ation)\b(?:\s*\([^)]{1,20}\))?"
    r"(?: (?!members?\b|leads?\b|leaders?\b|managers?\b)[\w&-]+){0,8}? (?:is|are)\b[^.;]{0,60}?\bresponsible for|"
    r"^(?:[\w()&-]+ ){0,6}(?:is|are) an? (?:[\w-]+ ){0,3}(?:team|group|department|unit) responsible for|"
    r"^(?:она|оно|они) отвеча\w* за\b|(?:команд|отдел|подразделени|групп|служб)\w*,? котор\w+ отвеча\w* за\b")


def _team_responsible(low: str) -> bool:
    """Does the lower-cased line say a team or unit is responsible for something (``_TEAM_RESPONSIBLE_RE``)?"""
    return _TEAM_RESPONSIBLE_RE.search(low) is not None


# A grade's level descriptor, not work: "Applies basic foundation of a function's principles, theories
# and concepts to assignments of limited scope", "Uses professional concepts and theoretical knowledge
# acquired through ...", "Exercises independent judgment within defined parameters", "Works under general supervision".
_LEVEL_RE = re.compile(  # matched against lower-cased text
    r"\bindependent judge?ment\b|\btheories,? and concepts\b|\bconcepts,? and (?:theories|principles)\b|"
    r"\bknowledge acquired\b|\bof limited scope\b|\bwithin defined parameters\b|\bprofessional concepts\b|"
    r"\b(?:under|with|receives) (?:general|close|limited|minimal|moderate|direct) (?:supervision|direction|guidance)\b")
_LEVEL_WORDS = ("judg", "concepts", "acquired", "scope", "parameters", "supervision", "direction", "guidance")


# A mission: making a named company or product the best of its kind ("Make Acme Cloud the preferred
# choice for customers ...", "You'll help make Builder the best IDE for ...").
_MISSION_RE = re.compile(r"\b[Mm]ak(?:e|ing) (?:[A-Z][\w&.-]*,? ){1,4}(?:the|a) (?:[\w-]+ )?(?:best|preferred|leading|go-to|"
                         r"first|number one|#1|most|top|world['’]s|largest|biggest)\b")


# A physical demand of the job, not work it does: a line of a demands table that opens with how
# often ("OccasionalLifting/Carrying (under 25 lbs.)", "NeverCrawling", "Continuous" alone: the
# frequency glued to the demand when the table lost its cells), a weight to lift or carry, or a
# posture or effort held for long periods ("Concentrating for long periods of time").
_FREQUENCY_CELL_RE = re.compile(r"(?:Never|Rarely|Seldom|Occasional|Frequent|Continuous|Constant)(?:[A-Z]|\W*$)")
_PHYSICAL_RE = re.compile(  # matched against lower-cased text
    r"\b(?:lift|lifting|carry|carrying|push|pushing|pull|pulling)\b[^.;]{0,40}?\b\d+\s?(?:lbs?|pounds|kg|kilos?)\b|"
    r"\b(?:concentrat|sitting|standing|walking|stooping|bending|kneeling)\w* for (?:long|extended|prolonged) periods\b")
_PHYSICAL_WORDS = ("lb", "pound", "kg", "kilo", "periods")


def _physical_demand(text: str, low: str) -> bool:
    """Is the line (``low``: lower-cased) a physical demand of the job (``_PHYSICAL_RE``, ``_FREQUENCY_CELL_RE``)?"""
    if len(low) >= _PHYSICAL_MAX:
        return False
    if text[:1] in "NRSOFC" and _FREQUENCY_CELL_RE.match(text) is not None:
        return True
    return any(map(low.__contains__, _PHYSICAL_WORDS)) and _PHYSICAL_RE.search(low) is not None


_PHYSICAL_MAX = 160  # a longer line is duties run together, one of them a demand


# A tool's name, a dash, then a requirement ("OpenShift – опыт развертывания ...", "Git - на уровне ...").
_TOOL_DASH_RE = re.compile(r"[A-Za-z][\w.+#/, ]{0,40}? [–—-] ")


def _tool_requirement(text: str) -> bool:
    """Does a line of a non-English text name a tool and then a requirement about it?"""
    if text.isascii() or not text[:1].isascii():
        return False
    m = _TOOL_DASH_RE.match(text)
    return m is not None and _REQUIREMENT_RE.match(text, m.end()) is not None


def _action_noun(text: str) -> bool:
    """Does a Russian line open with a noun of action ("чтение чертежей", "поиск поставщиков")?"""
    first = text.split(None, 1)[0].lower() if text else ""
    return not first.isascii() and (first.endswith(_ACTION_NOUN_ENDS) or first in _ACTION_NOUNS)


# A one-word heading glued to the sentence after it with no blank ("RoleThe Data Engineer will own ...",
# "The OpportunityYou'll be responsible for ...", "RequirementsFive years of ...").
_GLUED_HEAD_RE = re.compile(r"(?:The |Key |Job |Role )?(?:Role|Opportunity|Position|Overview|Summary|Description|"
                            r"Responsibilities|Duties|Requirements|Qualifications|Benefits|Skills)(?=[A-Z])")


def _without_heading(sentence: str) -> tuple[str, str | None]:
    """A sentence without a heading glued to its start ("What You Do Lead Axon ..." -> "Lead Axon ...",
    "RoleThe Data Engineer ..." -> "The Data Engineer ..."), and the kind that heading names (None when
    there is none, or it names no kind of its own)."""
    glued = _GLUED_HEAD_RE.match(sentence) if sentence[:1] in "TKJROPSDQB" else None
    if glued is not None:
        kind = heading_kind(glued.group())
        return sentence[glued.end():], kind if kind in _NOT_DUTY_LABEL_KINDS else None
    if sentence[:4] in ("What", "WHAT"):  # "What's in it for you Join ...", "What you'll bring ..."
        m = _OFFER_HEAD_RE.match(sentence) or _BRING_HEAD_RE.match(sentence)
        if m is not None:
            return sentence[m.end():].lstrip(" :-–"), "benefits" if m.re is _OFFER_HEAD_RE else "requirements"
    blank = sentence.find(" ")
    if blank < 0 or not sentence[blank + 1:blank + 2].isupper():
        return sentence, None  # a heading and the word after it are capitalised
    words = sentence.split(" ", 6)
    caps = 0  # how many words in a row open with a capital
    while caps < len(words) and words[caps][:1].isupper():
        caps += 1
    # The head's words and the word after it are capitalised: n + 1 <= caps.
    for n in range(min(5, len(words) - 1, caps - 1), 0, -1):
        head = " ".join(words[:n])
        kind = _glued_kind(head)
        if kind != "other":
            return sentence[len(head):].lstrip(), kind
    return sentence, None


_BRING_HEAD_RE = re.compile(r"what you(?:'ll|’ll| will) bring\b", re.IGNORECASE)
_OFFER_HEAD_RE = re.compile(r"what(?:'s|’s| is) in it for you\b", re.IGNORECASE)


def _glued_kind(head: str) -> str:
    """The kind of a heading glued to a sentence: ``sections.heading_kind``, and "What You'll Bring"
    heads requirements (a heading on a line of its own is left to the sections, whose lists may be work)."""
    kind = heading_kind(head)
    if kind != "other":
        return kind
    if _OFFER_HEAD_RE.match(head):
        return "benefits"
    return "requirements" if _BRING_HEAD_RE.match(head) else kind


@lru_cache(maxsize=65536)
def _headed_sentences(text: str) -> tuple[tuple[str, str | None], ...]:
    """Sentences of a paragraph, each without a heading glued to its start and with the kind
    that heading names (None: no heading); one that only elaborates the one before stays with it."""
    out: list[tuple[str, str | None]] = []
    for piece in _prose_pieces(text):
        piece, kind = _without_heading(piece.strip())
        if not piece:
            if kind is not None:  # a heading alone at the end ("... integrations. What You Will Bring:")
                out.append(("", kind))
            continue
        if out and _FOLLOW_ON.match(piece):
            out[-1] = (f"{out[-1][0]} {piece}", out[-1][1])
        else:
            out.append((piece, kind))
    return tuple(out)


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph (a heading glued to one is left out); one that only
    elaborates the one before stays with it."""
    return [s for s, _ in _headed_sentences(text) if s]


def _duty_sentences(text: str) -> list[str]:
    """Sentences of a paragraph up to a requirements, skills, benefits or pay heading glued
    into it ("... across the team. What You'll Bring- Strong ownership ..." ends the duties)."""
    out = []
    for k, (sentence, kind) in enumerate(_headed_sentences(text)):
        if kind in _NOT_DUTY_LABEL_KINDS and (k or _long_head(text, sentence)):
            break
        out.append(sentence)
    return out


def _long_head(text: str, first: str) -> bool:
    """Is the heading glued before ``first``, the first sentence of ``text``, two words or more
    ("What's in it for you Join a high growth ...", not "Education Safeguarding Officer ...")?"""
    start = text.lstrip()
    at = start.find(first)
    return at > 0 and len(start[:at].split()) >= 2


def _glued_end(text: str) -> str | None:
    """The kind of a requirements, skills, benefits or pay heading glued into a long item, or None."""
    if len(text) < _SPLIT_MIN:
        return None
    for k, (sentence, kind) in enumerate(_headed_sentences(text)):
        if kind in _NOT_DUTY_LABEL_KINDS and (k or _long_head(text, sentence)):
            return kind
    return None


# Items that lost their separators entirely: "... in the assigned region Increase sales and
# develop ...", "... в других органах Обеспечивать ...". A capitalised action verb (or "-ly" adverb
# and verb) after a lower-case word (Latin or Cyrillic) starts the next item; after a capitalised
# word, only as ``_after_name`` allows.
# (The pattern opens with the capital, which the engine finds in C; it was a look-behind tried
# at every character. Group 1 is the capitalised word's tail, group 2 the word after it.)
_GLUED_VERB_RE = re.compile(r"[A-ZА-ЯЁ](?<=[a-zа-яё)] [A-ZА-ЯЁ])([a-zа-яё]+)\b(?: ([a-zа-яё]+)\b)?")
# Capitalised words after the capital that end in a job noun: a job title ("a business-minded
# Contract Management Manager"), not a verb that opens the next item.
_TITLE_AFTER_RE = re.compile(r"(?: [A-Z][\w&-]*){1,3} (?:Manager|Director|Lead|Executive|Officer|Engineer|Specialist|"
                             r"Analyst|Consultant|Coordinator|Associate|Representative|Partner|Architect)\b")
# Capitalised words that open a requirement glued to the duty before it (the piece is then
# left out as requirement-shaped).
_REQUIREMENT_OPENERS = frozenset({"Ability", "Experience", "Knowledge", "Proven", "Demonstrated", "Mastery",
                                  "Proficiency", "Proficient", "Familiarity", "Bachelor", "Bachelor's", "Bachelor’s",
                                  "Degree", "Minimum", "Must", "Excellent", "Strong", "Fluent", "Fluency"})
# An acronym glued to the verb of the next item ("... and ITProcess customer adjustments", "... across
# key KPIsBuild and maintain ...", "... with Core FP&APartner with ..."): a plural's "s" and an "&"
# inside the acronym stay with it.
_ACRONYM_VERB_RE = re.compile(r"[A-Z](?<![A-Za-z][A-Z])[A-Z&]*[A-Z]s?(?=([A-Z][a-z]{2,})\b)")
_NOT_BEFORE_VERB = frozenset({"and", "or", "to", "the", "a", "an", "of", "for", "with", "by", "as", "our", "your", "&"})


# A sub-heading glued between two items ("... across all studies Tooling Integration & Platform
# Enablement Liaise with ..."): a run of capitalised words, then a capitalised action verb and
# a lower-case word. The run opens at the start of the text or after a lower-case word.
# (Two patterns: a look-behind has one width. Each opens with the capital, which the engine finds in C.)
_RUN_BODY = r"[\w/’'-]* (?:(?:[A-Z][\w/’'-]*|&|and|of|the|for|to|in) ){0,5}?)(?=([A-Z][a-z]+) [a-z(])"
_GLUED_RUN_RE = re.compile(r"([A-Z](?<=[a-z)] [A-Z])" + _RUN_BODY)
_FIRST_RUN_RE = re.compile(r"([A-Z]" + _RUN_BODY)


def _heading_run(run: str) -> bool:
    """Is a run of capitalised words a sub-heading ("Stakeholder Management & Insight Synthesis")
    rather than a name that ends the item before it ("Google Analytics")?"""
    words = run.split()
    capitals = sum(w[:1].isupper() for w in words)
    return ("&" in words or "and" in words or capitals >= 3) and not is_action_verb(words[0])


def _word_before(text: str, at: int) -> str:
    """The word that ends at the blank before offset ``at`` ("" at the start)."""
    return text[text.rfind(" ", 0, at - 1) + 1:at - 1] if at > 0 else ""


# A lower-case list run into one line with no blank between items ("... data security
# incidentssupport the coordination of ...contribute to post-incident reviews ..."): a plural
# (or a closing bracket after one) glued to an action verb ends an item, when a long line holds
# at least _LOWER_LIST_CUTS of them. The plural's word is at least _LOWER_HEAD letters long
# ("transform" is no "trans" + "form").
_LOWER_GLUED_RE = re.compile(r"(?<![\w-])[a-z]{4,}s\)?[a-z]{2,}\b")
_LOWER_LIST_MIN = 300
_LOWER_LIST_CUTS = 2
_LOWER_HEAD = 6


def _lower_glued_cuts(text: str) -> list[tuple[int, int]]:
    """Where the items of a lower-case list glued together start (none when fewer than ``_LOWER_LIST_CUTS``)."""
    cuts = []
    for m in _LOWER_GLUED_RE.finditer(text):
        word = m.group()
        for k in range(5, len(word) - 1):
            bracket = word[k - 1] == ")"
            if word[k - 2 if bracket else k - 1] != "s" or k < _LOWER_HEAD and not bracket:
                continue
            if is_action_verb(word[k:], past=False):
                cuts.append((m.start() + k, m.start() + k))
                break
    return cuts if len(cuts) >= _LOWER_LIST_CUTS else []


# A lead-in glued by its colon to the first item ("You'll have the opportunity to:Lead enterprise
# ..."): the item starts after the colon when it opens with an action; the lead-in, ending in its
# colon, is judged on its own (and left out as a lead-in).
_GLUED_COLON_RE = re.compile(r"[:：](?=[A-Z])")


def _glued_colon_cuts(text: str) -> list[tuple[int, int]]:
    """Where an action glued to a colon starts (``_GLUED_COLON_RE``)."""
    return [(m.end(), m.end()) for m in _GLUED_COLON_RE.finditer(text) if _opens_with_action(text[m.end():])]


# Items glued with no blank at all ("Annual reviewUpdating/maintaining document database,Updating
# Lending ..."): a capitalised action verb right after a lower-case word of its own (not "OneDrive",
# "iPhone", "/careersRead") or a comma starts the next item. (The pattern opens with the capital: see _GLUED_VERB_RE.)
_GLUED_CAPITAL_RE = re.compile(r"[A-Z](?<=[a-z,][A-Z])[a-z]+")
_GLUED_LOWER_MIN = 3  # letters of the lower-case word before the capital


def _glued_capital_cuts(text: str) -> list[tuple[int, int]]:
    """Where an action verb glued to the item before it with no blank starts (``_GLUED_CAPITAL_RE``)."""
    cuts = []
    for m in _GLUED_CAPITAL_RE.finditer(text):
        at = m.start()
        if not is_action_verb(m.group(), past=False):
            continue
        if text[at - 1] != ",":
            k = at - 1
            while k >= 0 and text[k].isalpha():
                k -= 1
            if at - 1 - k < _GLUED_LOWER_MIN or not text[k + 1:at].islower() or k >= 0 and not text[k].isspace():
                continue
        cuts.append((at, at))
    return cuts


def _glued_pieces(text: str) -> list[str]:
    """A short item cut where items are glued with no blank (``_glued_capital_cuts``)."""
    cuts = _glued_capital_cuts(text)
    if not cuts:
        return [text]
    bounds = [0, *(a for a, _ in cuts), len(text)]
    return [p for p in (text[a:b].strip(" ,") for a, b in pairwise(bounds)) if p]


def _short_pieces(text: str) -> list[str]:
    """A short item cut where items are glued with no blank (``_glued_pieces``) or before a
    capitalised order after a lower-case word ("Inventory counts Reconcile to GL")."""
    if _GLUED_VERB_RE.search(text) is None:
        return [text] if _GLUED_CAPITAL_RE.search(text) is None else _glued_pieces(text)
    pieces = _verb_pieces(text, short=True)
    return pieces if len(pieces) == 1 else [p for p in (p.strip(" ,") for p in pieces) if p]


# After a capitalised word ("... leveraging CoCounsel Build trusted relationships ...", "... with the
# Product Owner Promote ..."), a capitalised verb starts an item only before a word that opens its
# object; not a noun after a name ("Customer Support and ...", "the Team Lead for ...").
_NOT_AFTER_NAME = frozenset({"and", "or", "of", "for", "in", "at", "on", "to", "with", "team", "teams", "&"})
_NAME_NOUN_VERBS = frozenset({"Lead", "Head", "Partner", "Support", "Design", "Service", "Services", "Plan", "Test",
                              "Research", "Review", "Process", "Report", "Control", "Change", "Update", "Release",
                              "Content", "Program", "Programme", "Project", "Market", "Cloud", "Share", "Budget",
                              "Drive", "Engineer", "Manager", "Director", "Executive", "Officer", "Specialist",
                              "Analyst", "Consultant", "Coordinator", "Associate", "Representative", "Architect"})


def _after_name(before: str, m: re.Match, gerunds: bool = False) -> bool:
    """May the capitalised verb of ``m`` start an item after ``before``, a capitalised word that is
    not the text's first? An "-ing" verb may only in a list of them (``gerunds``: "Creating databases
    on Azure Configuring security ...")."""
    after = m.group(2)
    if not before[:1].isupper() or after is None or after in _NOT_AFTER_NAME or m.group(1).endswith("ing") and not gerunds:
        return False
    word = m.string[m.start():m.end(1)]
    return word not in _NAME_NOUN_VERBS and word.rstrip("s") not in _NAME_NOUN_VERBS and " " in m.string[:m.start() - 1]


def _verb_pieces(text: str, short: bool = False) -> list[str]:
    """``text`` cut before each capitalised action verb glued to the item before it, and around
    each sub-heading glued between items (the sub-heading left out). In a ``short`` item (one
    line of a list) only a verb followed by a lower-case word, and no "-ing" word, starts another
    item ("Inventory counts Reconcile to GL", not "... and open Service Partner vacancies" or
    "... and other Engineering teams"), and no sub-heading is cut out ("We work on Oracle Forms
    and Reports development")."""
    tail = text[1:]
    if tail.lower() == tail and len(text) <= _LOWER_LIST_MIN:
        return [text]  # no capital after the first letter: no verb, acronym, colon or heading glued on
    cuts = []  # (end of the piece before, start of the next piece)
    glued = False  # a capital after a lower-case word: where a glued sub-heading may start
    gerunds = None  # does the text open with an "-ing" action verb (told when first needed)?
    ing_cut = False  # has an item been cut before an "-ing" verb after a lower-case word?
    for m in _GLUED_VERB_RE.finditer(text):
        glued = True
        if short and (m.group(2) is None or m.group(1).endswith("ing")):  # "... and other Engineering teams"
            continue
        at = m.start()  # the capital; the blank before it ends the item before
        before = text[text.rfind(" ", 0, at - 1) + 1:at - 1]
        if gerunds is None and before[:1].isupper() and m.group(1).endswith("ing"):
            first = text.split(None, 1)[0]
            gerunds = first.endswith("ing") and is_action_verb(first)
        if before in _NOT_BEFORE_VERB or not (before[:1].islower() or _after_name(before, m, bool(gerunds or ing_cut))
                                              or before.endswith(")") and m.group(2) not in (None, "in", "of", "at")):
            continue  # (told before the verb: cheaper) "... partners (mill/business) Provide oversight ..."
        word = text[at:m.end(1)]
        if _noun_use(word, m.group(2)):
            continue  # "... each client Exercise and Wellness Perks ..."
        verb = m.group(2) if word.endswith("ly") and m.group(2) and not is_action_verb(word) else word  # "Actively manage ..."
        if (is_action_verb(verb) or word in _REQUIREMENT_OPENERS or _team_up(word, m.group(2))) \
                and _TITLE_AFTER_RE.match(text, m.end(1)) is None:
            cuts.append((at, at))  # "... to internal teams Ability to present ...": a requirement glued on
            ing_cut = ing_cut or word.endswith("ing") and before[:1].islower()
    for m in _ACRONYM_VERB_RE.finditer(text):  # "... and ITProcess customer adjustments"
        word = m.group(1)
        if is_action_verb(word.lower()) or word in _REQUIREMENT_OPENERS:
            cuts.append((m.end(), m.end()))
    if len(text) > _LOWER_LIST_MIN:
        cuts += _lower_glued_cuts(text)
    if ":" in text or "：" in text:
        cuts += _glued_colon_cuts(text)
    if _GLUED_CAPITAL_RE.search(text) is not None:
        cuts += _glued_capital_cuts(text)
    first = None if short else _FIRST_RUN_RE.match(text)  # (a sub-heading glued between items: long items only)
    for m in chain((first,) if first else (), _GLUED_RUN_RE.finditer(text) if glued and not short else ()):
        if is_action_verb(m.group(2)) and _heading_run(m.group(1)) and _word_before(text, m.start(1)) not in _NOT_BEFORE_VERB:
            cuts.append((m.start(1), m.end(1)))  # not after "of", "and" ...: "Director of Operations and ..."
    if not cuts:
        return [text]
    cuts.sort()
    bounds = [(0, 0), *cuts, (len(text), len(text))]
    pieces = (text[a[1]:b[0]].strip() for a, b in pairwise(bounds))
    return [p for p in pieces if p]


# A Russian list run into one line: duties named by nouns of action (or infinitives), joined by
# commas ("ведение клиентов, заключение договоров, контроль дебиторки"). Cut before each such word
# after a comma, a semicolon or a closing bracket, outside brackets, when the piece before has an
# object of its own and the word is no clause's subject ("развитие не стоит на месте"):
# "Прием, обработка и контроль заявок" and "(выставление счетов, составление договоров)" stay whole.
# Only a line that is duty-shaped as a whole is cut ("Опыт построения CI/CD, реализация ..." is not).
_NOUN_CUT_RE = re.compile(r"[,;)] (?=([а-яё]+)\b(?! не\b))")
_ACTION_NOUN_ENDS = ("ние", "ция", "тие")
_ACTION_NOUNS = frozenset({"контроль", "анализ", "поиск", "мониторинг", "подготовка", "разработка", "поддержка",
                           "оценка", "проверка", "обработка", "помощь", "расчет", "расчёт", "учет", "учёт", "сбор",
                           "прием", "приём", "выезд", "ведение", "продажа", "продажи", "работа", "формирование"})
# Nouns of action cut before in a list but not read as a line's opening noun (_action_noun).
_LIST_NOUNS = _ACTION_NOUNS | frozenset({
    "выдача", "сдача", "передача", "загрузка", "выгрузка", "установка", "настройка", "проработка", "закупка",
    "отгрузка", "доставка", "поставка", "приемка", "приёмка", "сверка", "выбор", "запрос", "подбор", "документооборот",
    "переписка"})
# Words with an action noun's ending that name a thing, and infinitives of being and having.
_NOT_ACTION_NOUNS = frozenset({"оборудование", "здание", "помещение", "задание", "расписание", "быть", "уметь", "иметь"})
_RU_INFINITIVE_ENDS = ("ть", "ться")


_NOUN_CAPITAL_RE = re.compile(r" (?<=[\w)] )(?=([А-ЯЁ][а-яё]+)\b)")  # the blank first: the engine skips to it in C


def _in_brackets(text: str, at: int) -> bool:
    return text.count("(", 0, at) > text.count(")", 0, at)


def _list_word(word: str, infinitives: bool) -> bool:
    return (word.endswith(_ACTION_NOUN_ENDS) or word in _LIST_NOUNS
            or infinitives and word.endswith(_RU_INFINITIVE_ENDS)) and word not in _NOT_ACTION_NOUNS


def _noun_pieces(text: str) -> list[str]:
    """``text`` cut before each noun of action (or infinitive, in a list that opens with one)
    that follows a comma outside brackets, when the piece before holds more than that noun;
    in a line that opens with a noun of action, also before each capitalised one after a word
    ("Составление договоров с Заказчиками Составление актов ...": the list lost its breaks)."""
    cuts, last = [], 0
    if "," in text or ";" in text:
        infinitives = text.split(None, 1)[0].lower().endswith(_RU_INFINITIVE_ENDS)
        for m in _NOUN_CUT_RE.finditer(text):
            head, last = text[last:m.start()], m.end()
            if _list_word(m.group(1), infinitives) and " " in head.strip() and not _in_brackets(text, m.end() - 1):
                cuts.append(m.end())
    if _action_noun(text) and _NOUN_CAPITAL_RE.search(text, 1) is not None:
        cuts += [m.end() for m in _NOUN_CAPITAL_RE.finditer(text, 1)
                 if _list_word(m.group(1).lower(), False) and not _in_brackets(text, m.start())]
        cuts.sort()
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(text)]
    return [text[a:b].strip(" ,;") for a, b in pairwise(bounds) if text[a:b].strip(" ,;")]


def _cut_noun_list(text: str) -> list[str]:
    pieces = _noun_pieces(text)
    return pieces if len(pieces) == 1 or _is_duty_shaped(text) else [text]


def _duty_texts(item: dict) -> list[str]:
    """The duties of one item of a duties section: the item, or its sentences when it is long
    (each cut again before a capitalised action verb glued to the one before)."""
    return list(_duty_texts_of(item["text"], item.get("label")))


_NOT_DUTY_LABEL_KINDS = frozenset({"requirements", "skills", "benefits", "pay"})
# A field's name at the end of a label that swallowed the text before it ("... - United Kingdom Type: Permanent").
_FIELD_LABEL_END_RE = re.compile(r"\b(?:[Jj]ob|[Cc]ontract|[Ee]mployment) [Tt]ype$|\b(?:Type|Location|Salary|Hours|Closing Date)$")


@lru_cache(maxsize=65536)  # duty lines recur across postings of one employer or template
def _duty_texts_of(text: str, label: str | None) -> tuple[str, ...]:
    if label and (_NOT_HOLDER_RE.match(f"{label}:") is not None or _FIELD_LABEL_END_RE.search(label) is not None
                  or heading_kind(label) in _NOT_DUTY_LABEL_KINDS):
        return ()  # "Location: London", "Mandatory Skills/Qualifications: ..." are fields and requirements
    if len(text) >= _SPLIT_MIN:
        pieces = [v for p in _duty_sentences(text) for v in _verb_pieces(p)]
    else:
        pieces = _short_pieces(text)
    if not text.isascii():
        pieces = [v for p in pieces for v in _cut_noun_list(p)]
    # A labelled item ("Team Leadership: Lead and develop ...") is a duty its author named:
    # only its shape is checked, not the requirement words a competency-style text holds.
    # A list line of its own that opens "We build ..." states the team's work (see _without_we).
    shaped = [_without_we(text)] if len(pieces) == 1 and not _glued_end(text) else pieces
    kept = []
    for k, (p, s) in enumerate(zip(pieces, shaped)):
        if _is_duty_shaped(s, strict=not (label and k == 0)):
            kept.append(p)
        elif "seek" in p or "look" in p or "hir" in p or "appoint" in p or "recruit" in p:
            clause = _sought_duty(p)  # "We are seeking a Data Scientist to create prototypes ..."
            if clause is not None:
                kept.append(clause)
        elif p.endswith("?"):
            clause = _asked_duty(p)  # "You think you can be responsible for ...?"
            if clause is not None:
                kept.append(clause)
    if label and kept and kept[0] is pieces[0]:
        kept[0] = f"{label}: {kept[0]}"
    return tuple(kept)


# "We maintain the platform" in a duties list: the team's work, the holder's with it. Verbs that
# say what the company gives or is ("We offer ...", "We welcome ...") stay company talk.
_WE_EXPECT_RE = re.compile(r"[Ww]e (?:also |will |would )?(?:also )?(?:expect|rely on|need|ask|want) "
                           r"(?:you|the (?:[\w-]+ ){0,3}?[\w-]+) to (?:also )?")
_WE_HAVE_RE = re.compile(r"[Ww]e (?:will |would )?have (?:you|the(?: [\w-]+){1,4}?) (?=([a-z]+)\b)")
_WE_ACTION_RE = re.compile(r"[Ww]e (?:also |will |jointly |collectively )?(?=([a-z]+)\b)")
_COMPANY_VERBS = frozenset({"offer", "offers", "provide", "give", "welcome", "care", "hire", "seek", "serve", "help",
                            "empower", "foster", "celebrate", "recruit", "pay", "reward", "match", "cover", "encourage",
                            "invite", "value", "believe", "are", "have"})


def _without_we(text: str) -> str:
    """A duties-list line without its opening "We" when an action follows it ("We build
    pipelines ..." -> "build pipelines ..."); any other line as it is."""
    if not text.startswith(("We ", "we ")):
        return text
    m = _WE_EXPECT_RE.match(text)
    if m is not None:  # "We will expect you to design ...": the duty follows
        return text[m.end():]
    m = _WE_HAVE_RE.match(text)
    if m is not None and is_action_verb(m.group(1), past=False):  # "We will have the engineer work on ..."
        return text[m.end():]
    m = _WE_ACTION_RE.match(text)
    if m is None or m.group(1) in _COMPANY_VERBS or not is_action_verb(m.group(1), past=False):
        return text
    return text[m.end():]


# A sentence of prose that states a duty: "you will <act>", "responsible for", "the role
# involves", "The Account Manager will <act>", "This position manages ...".
_DUTY_SENTENCE = Gated(  # matched against lower-cased text; tried only where one of its phrases starts
    r"\b(?:you(?:'ll|’ll| will)|you are responsible|responsible for|accountable for|your role (?:is|will)|your work will (?:focus|involve|include|cover)|"
    r"(?:your|additional|other|advanced) (?:key |main |core |day-to-day )?(?:responsibilities|duties) "
    r"(?:will |may )?(?:also )?are|(?:responsibilities|duties) (?:will |may )?(?:also )?(?:include|involve)|"
    r"the day-to-day (?:will )?(?:involves?|includes?)|"
    r"(?:the|this) (?:role|position|job) (?:involves|includes|entails|will)|this (?:role|position) is|(?:will|shall) be (?:responsible|tasked)|"
    r"(?:the|this) (?:role|position|job) (?:focuses|is focused) on|(?:a|one|the) (?:core|key|main|primary) (?:responsibility|duty) (?:is|will be)|"
    r"this is " + _ROLE_WHERE + "|"
    r"вы будете|в ваши обязанности|отвечает за|будет отвечать|будете отвечать)|负责|"
    r"^be (?:the|a|an) (?:\w+ ){0,3}(?:point of contact|contact|link|liaison|owner|champion|voice)\b")
_ROLE_SUBJECT = re.compile(
    r"^(?:[Ii]n addition, (?:the|this) |(?:[Tt]he|[Tt]his|[Oo]ur|[Aa]s (?:a|an|the)|An?) )(?:[A-Z][\w&/()-]*,? |/ |role |position |job |individual |person |incumbent |hire |"
    r"successful (?:candidate|individual|applicant) |[a-z]+(?:er|or|ist|ian|ant) ){1,8}(?P<will>(?:will|may|shall) (?:also )?)?(?P<verb>[a-z]+)\b")
# Words that make the subject of "The <subject> <verb>s ..." the job holder: a role word, a person
# noun ("-er", "-ist", "-ant" ...) or an abbreviation ("The SAPM will drive ..."), not an organisation
# ("The Cabinet Office supports ...", "The Company assists ...").
_HOLDER_WORDS = frozenset({"role", "position", "job", "individual", "person", "incumbent", "hire", "candidate",
                           "applicant", "lead", "head", "counsel", "staff", "rep", "champion", "professional",
                           "expert", "graduate", "apprentice", "trainee", "intern", "nurse", "physician", "clerk",
                           "secretary", "owner", "partner", "member", "leader", "officer", "engineer", "analyst"})
_NOT_HOLDER_HEADS = frozenset({"recruiter", "recruiters", "employer", "employers", "customer", "customers", "client",
                               "clients", "user", "users", "provider", "providers", "supplier", "suppliers", "investor",
                               "investors", "competitor", "competitors", "founder", "founders"})
_PERSON_ENDS = ("er", "or", "ist", "ian", "ant", "ee", "ive", "ate", "ers", "ors", "ists")


def _holder_subject(m: re.Match) -> bool:
    """Is the subject a ``_ROLE_SUBJECT`` match found a person in the job (see ``_HOLDER_WORDS``)?"""
    return _holder_words(m.string[:m.start("will") if m.group("will") else m.start("verb")].split()[1:])


def _holder_words(subject: list[str]) -> bool:
    """Does one of the words name a person in the job (see ``_HOLDER_WORDS``)? Not when the
    subject's head names someone else ("The recruiter can share ...", "A Disability Confident employer will ...")."""
    if subject and subject[-1].strip(",()").lower() in _NOT_HOLDER_HEADS:
        return False
    for word in subject:
        w = word.strip(",()")
        low = w.lower()
        if low in _HOLDER_WORDS or len(w) > 1 and w.isupper() or len(low) > 3 and low.endswith(_PERSON_ENDS):
            return True
    return False


# (The pattern opens with the letter, which the engine skips to in C; "\b" first was tried at every character.)
_ROLE_WILL_RE = re.compile(r"[Tt](?<!\w[Tt])h(?:e|is) (?P<subject>(?:[A-Z][\w&/-]*,? )(?:(?:[A-Z][\w&/-]*,?|of|and|&) ){0,7}|[a-z]+ )"
                           r"(?P<will>will (?:also )?|shall )"
                           r"(?P<verb>[a-z]+)\b")


def _role_will(sentence: str) -> bool:
    """Does the sentence say, after an opening clause, "the <role> will <work>" ("Working at the
    forefront of ..., this Machine Learning Engineer will work within a team ...")?"""
    if " will " not in sentence and " shall " not in sentence:
        return False
    m = _ROLE_WILL_RE.search(sentence, 1)
    return m is not None and m.group("verb") not in _NOT_ROLE_VERBS and _holder_words(m.group("subject").split())


_THEY_WILL_RE = re.compile(r"they (?:will|shall) (?:also )?(?:be (?:responsible|accountable) for|([a-z]+))\b")


def _they_will(low: str) -> bool:
    """Does the lower-cased sentence open "They will <work>" ("They will be accountable for building ...",
    "They will support the analytics function ..."): the holder named in the sentence before?
    Not a verb that names no work ("They will receive ...")."""
    if not low.startswith("they "):
        return False
    m = _THEY_WILL_RE.match(low)
    if m is None:
        return False
    verb = m.group(1)
    return verb is None or verb not in _NOT_ROLE_VERBS and is_action_verb(verb, past=False)


# Verbs after "The <role> will" that name no work ("will have", "will join", "will report to").
_NOT_ROLE_VERBS = frozenset({"be", "have", "need", "possess", "bring", "receive", "get", "enjoy", "join", "report",
                             "benefit", "gain", "learn", "earn", "ideally", "likely", "typically", "also", "not",
                             "utilize", "use", "thrive", "love", "find", "feel", "see", "become", "start", "sit"})
def _role_will_not_work(text: str) -> bool:
    """Does the line say "The <role> will <verb>" with a verb that names no work (``_NOT_ROLE_VERBS``)?"""
    m = _ROLE_SUBJECT.match(text)
    if m is None or m.group("will") is None or m.group("verb") not in _NOT_ROLE_VERBS or not _holder_subject(m):
        return False
    # "... will use analytics tools to partner with ...", "... will report to X and provides ...": work follows
    return not any(is_action_verb(w) for w in _WORK_AFTER_RE.findall(text, m.end()))


_WORK_AFTER_RE = re.compile(r"\b(?:to|and) (?:[a-z]+ly )?([a-z]+)\b")


# (The pattern opens with "you" / "if you", which the engine skips to in C; the word boundary before
# them is the look-behind after. A lead-in ending in a colon is told apart in _not_action.)
_NOT_ACTION = re.compile(  # matched against lower-cased text
    r"you(?<!\wyou)(?:(?:'ll|’ll| will) (?:also )?(?:need|bring|have|be paid|be good|get|receive|join|report|be reporting|find|"
    r"enjoy|be part|be joining|be based|be working (?:in|from|remotely|on-site|hybrid)|love|thrive|be rewarded|"
    r"benefit|gain|learn|be given|be eligible|become|be a|be an|be the|be someone|be comfortable|possess|"
    r"be offered|be supported|be welcomed|have the|work in a|feel|see|make an impact|hear|be front|be successful|"
    r"be canvassed|be joining|heavily work)\b|(?:'ll|’ll| will)(?: also)?[.…]*$)|if you\b(?<!\wif you)")

# Words each alternative of _DUTY_SENTENCE holds (see _REQUIREMENT_TAIL_WORDS).
_DUTY_SENTENCE_WORDS = ("you", "responsible", "responsibility", "responsibilities", "duties", "duty is", "duty will", "accountable for", "the role ", "this role ", "this position ", "day-to-day ",
                        "the position ", "this job ", "the job ",
                        "be tasked", "this is a", "вы будете", "в ваши обязанности", "отвеча", "负责")


def _duty_sentence(low: str) -> bool:
    """Does the lower-cased sentence say "you will", "responsible for" ... (``_DUTY_SENTENCE``)?"""
    if not low.startswith("be ") and not any(map(low.__contains__, _DUTY_SENTENCE_WORDS)):
        return False
    return _DUTY_SENTENCE.search(low) is not None


def _question(low: str) -> bool:
    """Does the lower-cased line ask a question? It ends in "?" and speaks to "you" or opens with
    no action ("Participating in team meetings?" ends in a blank the encoding turned into "?")."""
    return low.endswith("?") and ("you" in low or not _opens_with_action(low))


def _not_action(low: str) -> bool:
    """Does the lower-cased sentence say "you'll need/bring/enjoy ..." or end as a question
    or a lead-in (``_NOT_ACTION``)? A line that opens with an action and says nothing of "you"
    is no question for ending in "?" (a blank the text's encoding turned into one)."""
    if _question(low):
        return True
    if (":" in low or "：" in low) and low.rstrip().endswith((":", "：")):
        return True
    return "you" in low and _NOT_ACTION.search(low) is not None


@lru_cache(maxsize=65536)
def _prose_duty(sentence: str, listed: bool, bare: bool = True) -> bool:
    """Does a sentence of prose (or a ``listed`` line outside a duties section) state
    something the job holder will do? It says "you will <act>" or "responsible for",
    has the role as its subject ("This position manages ..."), or, with ``bare``,
    opens with an action verb ("Initiates projects ..."; a gerund only in a list:
    "Operating at the intersection of ..." opens company prose)."""
    if not 15 < len(sentence) < _PROSE_MAX:
        return False
    low = sentence.lower()
    if "travel" in low and _TRAVEL_DUTY_RE.search(low) is not None and _TRAVEL_ABILITY_RE.search(low) is None:
        return True  # "The applicant should expect to travel up to 30%": the holder will travel
    if ("other" in low or "additional" in low) and _OTHER_DUTIES_RE.search(low) is not None:
        return True  # "Any other duties and tasks assigned." (area other)
    if _not_action(low):
        return False
    if not _duty_sentence(low) and not _role_will(sentence) and not _they_will(low):
        m = _ROLE_SUBJECT.match(sentence)
        if m is not None and _holder_subject(m):
            verb = m.group("verb")
            if not is_action_verb(verb) and (m.group("will") is None or verb in _NOT_ROLE_VERBS):
                return False  # "The Contracts Manager will sustain ...": any verb after "will" but these
        elif not bare or not _opens_with_action(sentence) or not listed and sentence.split(None, 1)[0].endswith("ing"):
            return False
    return _is_duty_shaped(sentence)


_PROSE_MAX = 600
_NOT_PROSE_KINDS = frozenset({"requirements", "skills", "benefits", "pay", "duties"})  # and duty-holding sections


# "We are seeking a Senior Director to lead strategic growth initiatives ...": the duty is
# the clause after the role sought.
_SOUGHT_RE = re.compile(
    r"\b(?:seeking|(?:looking|searching) for|in search of|looking to (?:hire|appoint|recruit|add)|to (?:appoint|hire|recruit)|"
    r"hiring|recruiting)\b[^.;:!?]{3,120}? to (?=[a-z]+\b)", re.IGNORECASE)
# "Join our data team, where you'll build ...": the clause after "where".
_JOIN_WHERE_RE = re.compile(r"[Jj]oin\b[^.;:!?]{3,120}?, where (?=you\b)")
# "... to join our team and help deliver ...", "... to join our staff to provide ...", "... to join
# a data centre site, supporting ...": the work comes after the team joined.
_AFTER_JOIN_RE = re.compile(r"join\b[^.;:!?]{3,120}?(?: and| to|,) (?=[a-z]+\b)")


# Words each alternative of _SOUGHT_RE (and _JOIN_WHERE_RE) holds (see _REQUIREMENT_TAIL_WORDS).
_SOUGHT_WORDS = ("seeking", "looking", "appoint", "hir", "recruit", "search", "join")


def _sought_duty(sentence: str) -> str | None:
    """The duty clause of a sentence that says who is sought and what for ("We are seeking an
    analyst to build ...", "... to join our team and build ..."), or that invites the reader to
    join a team where they will work ("Join our team, where you'll build ..."), or None."""
    low = sentence.lower()
    if not any(map(low.__contains__, _SOUGHT_WORDS)):
        return None
    m = _SOUGHT_RE.search(sentence) or _JOIN_WHERE_RE.match(sentence)
    if m is None:
        return None
    clause = sentence[m.end():]
    if clause.startswith("join ") and m.re is _SOUGHT_RE:
        joined = _AFTER_JOIN_RE.match(clause)
        clause = clause[joined.end():] if joined is not None else clause
    if m.re is _SOUGHT_RE and not _opens_with_action(clause) or _words(clause) < _MIN_WORDS \
            or clause.rstrip().endswith(("!", "?", " it.", " us.")):
        return None  # "... to help shape it.", "... to help lead in our Retirement area!": the pitch
    return clause if _is_duty_shaped(clause) else None  # "... to work at our Leeds office" is no duty


_ASKED_RE = re.compile(r"\bbe (?:responsible|accountable) for\b")


def _asked_duty(sentence: str) -> str | None:
    """The duty a question offers ("You think you can be responsible for maintaining the tools ...?"
    -> "be responsible for maintaining the tools ..."), or None."""
    if not sentence.endswith("?") or "ble for" not in sentence:
        return None
    m = _ASKED_RE.search(sentence)
    if m is None:
        return None
    clause = sentence[m.start():].rstrip("?").strip()
    return clause if _words(clause) >= _MIN_WORDS + 2 and _is_duty_shaped(clause) else None


_PAY_WORDS = ("compensation", "salary", "pay ", "wage", "bonus")


def _pay_line_heading(section: dict) -> bool:
    """Is the section headed by a pay line that states the pay ("Pay $17-22hr (Based on Experience)")?
    Its paragraphs are whatever follows a field, not pay talk."""
    heading = section["heading"]
    return section["kind"] == "pay" and bool(heading) and any(c.isdigit() for c in heading)


def _prose_duties(sections: list[dict], bare: bool) -> list[tuple[str, str | None]]:
    """Duty sentences of the prose (and lists) of sections that hold no duties list, leaving out
    requirements, skills, benefits and pay; sentences that only open with an action verb count in lists, or with ``bare`` (when the
    record has no duties list)."""
    out = []
    for sec in sections:
        items = sec["items"]
        if sec["kind"] in _NOT_PROSE_KINDS and not _pay_line_heading(sec):
            # a description line that swallowed no heading of its own ("Experience: 8 to 15 years ...
            # Job Description: As an API Developer ..., this person will be responsible for ...")
            items = [item for item in items if item.get("label") and heading_kind(item["label"]) == "description"]
            if not items:
                continue
        if _values_heading(sec["heading"]):
            continue
        # A "job purpose" or "role summary" paragraph states the job's work: its action lines count.
        own = bare or bool(sec["heading"]) and _JOB_SUMMARY_HEADING.search(sec["heading"]) is not None
        items = [item for item in items if not (item.get("label") and (_words(item["text"]) <= _TITLED_MAX
                                                                    or _offer_label(item["label"])))]
        # ("2. Account Manager: owning the relationship" titles what follows)
        sentences = [s for item in items for s in _prose_item_sentences(item["text"], bool(item.get("listed")), own)]
        duties = _prose_item_duties(sentences)
        if sec["kind"] == "pay":  # under a pay line: not the pay's own sentences
            duties = [d for d in duties if not any(map(d.lower().__contains__, _PAY_WORDS))]
        out += [(d, sec["heading"]) for d in duties]
    return out


_TITLED_MAX = 4  # words after a label that make a title, not a duty


def _offer_label(label: str) -> bool:
    """Does a line's label name a passage that is no duty: a company, applying or legal cue ("Why Join
    Us?Global Impact: Work on high-profile projects ..."), or benefits, pay or requirements ("Perks: ...")?"""
    return cue_kind(label) is not None or heading_kind(label) in _NOT_DUTY_LABEL_KINDS


_JOB_SUMMARY_HEADING = re.compile(
    r"\b(?:job|position|role) (?:purpose|summary|overview)\b|\bpurpose of the (?:job|role|position)", re.IGNORECASE)


@lru_cache(maxsize=65536)  # company blurbs and role summaries recur across postings
def _prose_item_sentences(text: str, listed: bool, bare: bool) -> tuple[tuple[str, bool, bool, str | None, bool], ...]:
    """The sentences of one paragraph or list line, each with whether it states a duty, whether
    that duty opens with an action (an order), its sought-role clause when it is no duty, and
    whether it is a whole sentence left uncut (``_no_prose_duty``) rather than a piece of one."""
    out = []
    for p in _sentences(text):
        if not (bare or listed) and _no_prose_duty(p):  # none of its pieces is a duty: cut only when needed
            out.append((p, False, False, None, True))
            continue
        for s in _verb_pieces(p):
            duty = _prose_duty(s, listed, bare or listed)
            out.append((s, duty, duty and _opens_with_action(s), None if duty else _sought_duty(s) or _asked_duty(s),
                        False))
    return tuple(out)


# Words one of which a sentence holds (lower-cased) when a piece of it may state a duty in prose
# that is neither listed nor bare (see _prose_duty, _sought_duty, _asked_duty).
_PROSE_DUTY_WORDS = ("travel", "other", "additional", " will ", " shall ", "ble for", *_DUTY_SENTENCE_WORDS,
                     *_SOUGHT_WORDS)


def _no_prose_duty(sentence: str) -> bool:
    """Is no piece of a sentence (``_verb_pieces``) a duty or a sought-role clause when the prose is
    neither listed nor bare? It holds none of their words (``_PROSE_DUTY_WORDS``), does not open
    with "be" or a role as subject, and has no colon (after which a piece may open anew); every
    other piece opens with an action verb, which needs those words to make a prose duty."""
    low = sentence.lower()
    if ":" in low or "：" in low or low.startswith("be ") or any(map(low.__contains__, _PROSE_DUTY_WORDS)):
        return False
    return _ROLE_SUBJECT.match(sentence) is None


def _prose_item_duties(sentences: list[tuple[str, bool, bool, str | None, bool]]) -> list[str]:
    """The duty sentences (or sought-role clauses) of a section's paragraphs and lines; a noun
    sentence naming a task between two orders ("Maintain reporting. Monthly report generation.
    Run day to day forecasting.") is one of a list of duties run together, a duty too."""
    out = []
    for k, (sentence, duty, _, clause, whole) in enumerate(sentences):
        if not duty and 0 < k < len(sentences) - 1 and sentences[k - 1][2] and sentences[k + 1][2]:
            if whole:  # a sentence left uncut: a noun duty only when it is one piece
                pieces = _verb_pieces(sentence)
                sentence = pieces[0] if len(pieces) == 1 else ""
            duty = bool(sentence) and _noun_duty(sentence)
        if duty:
            out.append(sentence)
        elif clause is not None:
            out.append(clause)
    return out


_SENTENCE_ENDS = (".", ";", "。", "；")
_TASK_NOUN_RE = re.compile(r"\w(?:tion|ment|sis|ance)s?\b|\w(?:ние|ция|тие|ка)\b")


def _noun_duty(sentence: str) -> bool:
    """A whole sentence among orders that names a task ("Annual budget preparation.")."""
    return (15 < len(sentence) < _PROSE_MAX and sentence.endswith(_SENTENCE_ENDS) and " I " not in sentence
            and _TASK_NOUN_RE.search(sentence) is not None and _is_duty_shaped(sentence))


_JOB_DESCRIPTION_HEADING = re.compile(r"job description|role description|描述|职位详情|工作内容|описание (?:вакансии|работы)",
                                      re.IGNORECASE)


def _listed_description_duties(sections: list[dict], work: str) -> list[tuple[str, str | None]]:
    """Numbered or bulleted lines of a "job description" section ("职位描述" holds the duties)."""
    out = []
    for sec in sections:
        if sec["kind"] != "description" or not sec["heading"] or not _JOB_DESCRIPTION_HEADING.search(sec["heading"]):
            continue
        for item in sec["items"]:
            if not item.get("listed") or item.get("label"):
                continue
            if _is_duty_shaped(item["text"]):
                out.append((item["text"], sec["heading"]))
    return out


# What may stand before a duty's main verb: "you will", "responsible for", "In this role, you'll" ...
_PREAMBLE_WORDS = (r"(?:you(?:'ll|’ll| will| are| can| may)|will|may|shall|to|also,?|then|be|"
                   r"(?:be |is |are )?(?:responsible|accountable) for|their role is to|your role is to)\s+")
# A lead-in clause closed by a comma: "In collaboration with the project team, anticipate ...",
# "When needed, travel to ...".
_LEAD_CLAUSE = (r"(?:in this role|as (?:a|an|the) [^,]{1,60}|in (?:collaboration|partnership|conjunction|coordination) "
                r"with [^,]{1,60}|(?:when|where|if|as) (?:needed|required|necessary|appropriate|requested|applicable))")
_PREAMBLE_RE = re.compile(
    r"(?:(?:in this role|as (?:a|an|the) [^,]{1,60}),? )?(?:" + _PREAMBLE_WORDS + r")+|" + _LEAD_CLAUSE + r",\s+(?:"
    + _PREAMBLE_WORDS + r")*", re.IGNORECASE)


_APPLYING_WORDS = frozenset({"now", "today", "here", "online", "on-line", "for", "via", "through", "at", "by", "→",
                             "->", "in", "with", "using", "below", "", "-"})
_AUXILIARIES = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "'s", "’s", "can"})


@lru_cache(maxsize=65536)
def _opens_with_action(text: str) -> bool:
    """Does ``text`` open with an action verb (after "you will", "responsible for", an "-ly" adverb)?"""
    subject = _ROLE_SUBJECT.match(text)
    if subject is not None:  # "The SAPM will drive ...", "This position manages ..."
        return _holder_subject(subject) and is_action_verb(subject.group("verb"), past=False)
    m = _PREAMBLE_RE.match(text)
    words = text[m.end() if m else 0:].split(None, 2)
    if not words:
        return False
    first = words[0].strip(",.;:").lower()
    if first.endswith("ly") and len(words) > 1 and not is_action_verb(first, past=False):  # "Actively participate in ..."
        words = words[1:]
        first = words[0].strip(",.;:").lower()
    elif first == "apply" and (len(words) == 1 or words[1].lower().strip(",.;:!") in _APPLYING_WORDS):
        return False  # "Apply now", "Apply on-line at ...", "Apply → Pass qualification(s)": applying for the job
    if len(words) > 1 and words[1].lower() in _AUXILIARIES:
        return False  # "Order has raised $50M": a name, not an action
    if _noun_use(first, words[1] if len(words) > 1 else None):
        return False  # "Exercise", "Form of employment: full time": a heading or a noun
    return is_action_verb(first, past=False) or _team_up(first, words[1] if len(words) > 1 else None)


def _team_up(word: str, after: str | None) -> bool:
    """Is ``word`` "Team(s)" used as a verb, before "up" ("Teams up with the product owner ...")?"""
    return after is not None and word.lower() in ("team", "teams") and after.lower() == "up"


_NOT_OBJECT_STARTS = frozenset({"and", "or", "of", "&", "/", "-", "–"})


def _noun_use(word: str, after: str | None) -> bool:
    """Is ``word``, a verb that is also a noun ("Form", "Exercise"), used as a noun or a heading here:
    alone, or before a word that is not lower-case or cannot start an object ("Exercise and Wellness")?"""
    return needs_object(word) and (after is None or not after[:1].islower() or after in _NOT_OBJECT_STARTS)


_CONTENT_KINDS = frozenset({"other", "description"})


# A heading over the company's values, culture or principles: its lines ("Act with integrity",
# "Focus on excellence") are how everyone there works, not the duties of the job.
# ("Your mission" and "The culture you'll build" may head duties: left out.)
_VALUES_HEADING_RE = re.compile(r"\bvalues\b|\bprinciples\b|\bour culture\b|\bwhy (?:join|work)|ценност|价值观",
                                re.IGNORECASE)


def _values_heading(heading: str | None) -> bool:
    """Does ``heading`` head the company's values or culture?"""
    return bool(heading) and _VALUES_HEADING_RE.search(heading) is not None


_OFFER_HEADING_RE = re.compile(r"\boffer|commitment to you|advantages of|love\b|perks|у нас|предлага|условия",
                               re.IGNORECASE)


def _holds_duties(section: dict) -> bool:
    """A duties section, or a section under a heading that names no kind whose items are
    mostly action lines ("Account Management & Account Mapping": "Maintain ...", "Increase ...")."""
    if section["kind"] == "duties":
        return True
    if section["kind"] == "benefits" and section["heading"]:
        # "Benefits Realisation & Impact": "Define and track ...", ...; not what is offered ("Our commitment
        # to you": "Provide honest feedback on where you fit ...", "Use our network to match you ...")
        return _OFFER_HEADING_RE.search(section["heading"]) is None and _action_list(section["items"])
    if section["kind"] not in _CONTENT_KINDS or not section["heading"] or _values_heading(section["heading"]):
        return False
    items = section["items"]
    if section["kind"] == "description" and sum(bool(i.get("listed")) for i in items) * 2 < len(items):
        return False  # a headed description written as prose ("The Role", "Overview") is read as prose
    return _half_actions(items)


def _half_actions(items: list[dict]) -> bool:
    """Is at least one item, and at least half of them, an action line? (Stops as soon as it is told.)"""
    need = max(1, (len(items) + 1) // 2)
    actions = 0
    left = len(items)
    for item in items:
        left -= 1
        if _opens_with_action(item["text"]):
            actions += 1
            if actions >= need:
                return True
        elif actions + left < need:
            return False
    return False


def _action_list(items: list[dict]) -> bool:
    """Are at least _ACTION_LIST_MIN items action lines, and nearly all (3 in 4) but
    sub-headings ("Data & Reporting")?"""
    # actions >= 3/4 of the lines is actions >= 3 * others: stop as soon as that cannot hold.
    actions = others = 0
    left = len(items)
    for item in items:
        left -= 1
        text = item["text"]
        if _is_subheading(text):
            continue
        if _opens_with_action(text):
            actions += 1
        else:
            others += 1
            if actions + left < max(_ACTION_LIST_MIN, _ACTION_LIST_RATIO * others):
                return False
    return actions >= _ACTION_LIST_MIN and actions >= _ACTION_LIST_RATIO * others


_ACTION_LIST_MIN = 3
_ACTION_LIST_RATIO = 3  # action lines per other line: 75% of the lines
_PARAGRAPH_MIN = 120


def _ends_duties(item: dict) -> bool:
    """A paragraph after a duties list that is no duty ("IQVIA is a leading global provider
    of ...", "To get there, we seek out diverse talent ..."): the list is over."""
    text = item["text"]
    return len(text) >= _PARAGRAPH_MIN and not item.get("label") and _ends_duties_text(text) or \
        _COMPANY_SUBJECT_RE.match(text) is not None and not _duty_sentence(text.lower())


@lru_cache(maxsize=32768)
def _ends_duties_text(text: str) -> bool:
    sentences = _sentences(text)
    first = sentences[0]
    if _NOT_HOLDER_RE.match(first) is not None or cue_kind(first) is not None or _COMPANY_SUBJECT_RE.match(first):
        return True
    return len(sentences) > 1 and not _opens_with_action(first) and not _prose_duty(first, True)


def _list_end(items: list[dict]) -> int | None:
    """Index of the paragraph that ends a duties list (a paragraph after listed items), or None.

    A section written as paragraphs from its start (an article's "what the role does")
    has no list to end.
    """
    listed = False
    for k, item in enumerate(items):
        if item.get("listed", True):
            listed = True
        elif listed and _ends_duties(item):
            return k
    return None


def _glued_list_end(items: list[dict]) -> tuple[int | None, str | None]:
    """``(k, kind)``: the items after item ``k - 1``, which holds a requirements, skills,
    benefits or pay heading glued into its text, are of that kind; ``(None, None)`` when no item does."""
    for k, item in enumerate(items):
        text = item["text"]
        if len(text) >= _SPLIT_MIN:
            kind = _glued_end(text)
            if kind is not None:
                return k + 1, kind
    return None, None


def _leading_actions(items: list[dict]) -> int:
    """How many listed lines naming an activity ("Producing the monthly report", "Build the data
    pipelines") open a list (0 when fewer than _ACTION_LIST_MIN). A line that says how someone
    behaves ("Writes clear emails", a competency's indicator) names no activity."""
    n = 0
    for item in items:
        if not item.get("listed") or not _activity_line(item["text"].lstrip(_LIST_MARKS)):
            break
        n += 1
    return n if n >= _ACTION_LIST_MIN else 0


_LIST_MARKS = "-–—•·* "


def _activity_line(text: str) -> bool:
    """Does a list line name an activity: an English order ("Build the data pipelines", not "Writes
    clear emails"), or a Russian noun of action or order that is no requirement ("Разработка разделов
    проектной документации", "Увязка проектных решений", not "Умение работать с нормативными документами")?"""
    first = text.split(None, 1)[0] if text else ""
    if first.isascii():
        return not (first.endswith("s") and not first.endswith("ss")) and _opens_with_action(text)
    return (_action_noun(text) or first.lower().endswith("ка") or _opens_with_action(text)) and _is_duty_shaped(text)


def _close_duty_sections(sections: list[dict]) -> list[tuple[dict, bool]]:
    """``(section, holds duties)`` pairs, duties sections cut where a paragraph that is no
    duty follows their list."""
    out = []
    for sec in sections:
        items = sec["items"]
        holds = _holds_duties(sec)
        lead = _leading_actions(items) if not holds and sec["kind"] in ("requirements", "skills") \
            and (sec["heading"] or items and items[0].get("label")) else 0
        if lead:
            first = items[0]
            if first.get("label") and heading_kind(first["label"]) == sec["kind"]:
                # "Требования: - Разработка разделов ...": the label headed the list, no field of the line
                items = [{**first, "label": None, "text": first["text"].lstrip(_LIST_MARKS)}, *items[1:]]
            out.append(({**sec, "items": items[:lead]}, True))
            out.append(({**sec, "items": items[lead:]}, False))
            continue
        cut = _list_end(items) if holds else None
        end, kind = _glued_list_end(items[:cut]) if holds else (None, None)
        if end is not None:  # a requirements heading glued into an item: what follows it is no duty
            out.append(({**sec, "items": items[:end]}, True))
            out.append(({**sec, "heading": None, "kind": kind, "items": items[end:]}, False))
        elif cut is None:
            out.append((sec, holds))
        else:
            out.append(({**sec, "items": items[:cut]}, True))
            out.append(({**sec, "heading": None, "kind": "other", "items": items[cut:]}, False))
    return out


# A task named by a noun in a duties list ("Variance review", "Docusign administration.", "Month-end
# closing/cut-off"): a duty when it ends a sentence or stands in a run of such lines; one alone between
# action lines is a sub-heading over them ("Account Management").
_TASK_LINE_RE = re.compile(r"\w(?<!posi)(?:tion|ment|sis|ance)s?\b|\b(?:review|counts?|audits?|support|reports?|planning|reporting|"
                           r"closing|processing|invoicing|budgeting|forecasting|scheduling)\b", re.IGNORECASE)
_TASK_LINE_MAX = 60
_TASK_LINE_WORDS = 2


def _task_line(item: dict) -> bool:
    """Is the item a short listed line that names a task by a noun ("Variance review")?"""
    text = item["text"]
    if not item.get("listed") or item.get("label") or len(text) > _TASK_LINE_MAX or text.endswith((":", "?")):
        return False
    low = text.lower()
    if _words(text) < _TASK_LINE_WORDS or _TASK_LINE_RE.search(text) is None or _VERB_WORD_RE.search(low) is not None:
        return False
    if _opens_with_action(text) or _other_talk(text, low) or cue_kind(text) is not None:
        return False
    return not (_REQUIREMENT_WORD_RE.search(low) or _MONEY_RE.search(text) or _BENEFIT_WORD_RE.search(low))


# A finite verb or a modal: the line is a sentence, not a task's name ("The position is fully remote").
_VERB_WORD_RE = re.compile(r"\b(?:is|are|was|were|be|been|will|would|can|could|may|might|must|should|shall|has|have|had|"
                           r"does|do|did)\b|['’]s\b")


def _section_duties(items: list[dict]) -> list[str]:
    """The duties of a duties section's items (``_duty_texts_of``), with the tasks named by nouns
    (``_task_line``) that end a sentence or stand beside another such line."""
    out = []
    for k, item in enumerate(items):
        texts = _duty_texts_of(item["text"], item.get("label"))
        if texts:
            out += texts
        elif _task_line(item) and (item["text"].endswith(".") or k and _task_line(items[k - 1])
                                   or k + 1 < len(items) and _task_line(items[k + 1])):
            out.append(item["text"])
    return out


def _responsibilities(sections: list[dict], work: str, context: str | None = None) -> list[dict]:
    """Duties of a record: the items of its duties sections (split into sentences
    when long, requirement-shaped and other non-duty lines left out), then the
    duty sentences of its prose ("you will ...", "The Account Manager will ...");
    without a duties section, the listed lines of a "job description" section.

    ``work`` is the whole parsed text (item offsets point into it); ``context`` is the
    kind of job (``taxonomy.job_context``), which leans the areas of generic lines.
    """
    marked = _close_duty_sections(sections)
    found = [(t, sec["heading"]) for sec, holds in marked if holds for t in _section_duties(sec["items"])]
    listed = bool(found)
    if not found:
        found = _listed_description_duties(sections, work)
    prose = _prose_duties([sec for sec, holds in marked if not holds], bare=not listed)
    if found and prose:  # a listed line of a "job description" section is read once, not again as prose
        taken = {t for t, _ in found}
        prose = [p for p in prose if p[0] not in taken]
    out = []
    for k, (text, heading) in enumerate(found + prose):
        category, conf = classify_responsibility(text, context=context)
        if k >= len(found):
            conf = round(conf * _PROSE_CONFIDENCE, 2)
        out.append({"text": text, "section": heading, "category": category, "confidence": conf})
    return out


# A duty sentence found in prose is less sure to be a duty than a line of a duties list:
# its confidence is scaled down (on the tune half, prose duty sentences are duties about
# one time in ten less often than list lines).
_PROSE_CONFIDENCE = 0.9


def _public_sections(sections: list[dict]) -> list[dict]:
    return [{"heading": s["heading"], "kind": s["kind"], "start": s["start"], "end": s["end"],
             "items": [{"text": i["text"], "label": i["label"]} for i in s["items"]]} for s in sections]


def _record(role: dict, spans: list[tuple[int, int]], body: str, sections: list[dict], work: str,
            with_sections: bool = True, title: str | None = None) -> dict:
    alloc = extract_time_allocation(body)
    responsibilities = _responsibilities(sections, work, job_context(title or role.get("label")))
    if alloc["items"]:
        # The "% of time" split is a duty list too; a one-line description leaves it
        # as a single run-on "item" holding every percentage, replaced by its activities.
        kept = [r for r in responsibilities if r["text"].count("%") < 2]
        if len(kept) < len(responsibilities) or not responsibilities:
            split = [{"text": i["activity"], "section": "% of time", "category": i["category"],
                      "confidence": i["confidence"]} for i in alloc["items"]]
            responsibilities = split + kept
    return {
        "role": role,
        "spans": spans,
        "sections": _public_sections(sections) if with_sections else [],
        "responsibilities": responsibilities,
        "time_allocation": alloc["items"],
        "time_allocation_check": {"total": alloc["total"], "status": alloc["status"]},
        "skills": extract_skills(body),
        "experience_years": extract_experience(body),
        "education": extract_education(body),
        "languages": extract_languages(body),
    }


def structured_text(text: str) -> str:
    """The text :func:`analyse` reads: raw HTML converted by ingest's converter, other text as is.

    Offsets in ``analyse``'s records (``spans``, section and item starts) refer to it,
    so pay mentions found in it can be attached with :func:`attach_mentions`.
    """
    # analyse and then extraction's pay scan ask for the same text in turn: the last
    # answer is kept (one tuple swapped in whole, as in ``text``), so raw HTML is parsed once.
    global _last_structured
    last = _last_structured
    if last[0] is text:
        return last[1]
    # Imported on first use: the ingest package brings pandas, which the
    # extractors do not otherwise need at import time.
    from workbench.ingest.html import structured_text as convert

    out = convert(text)
    _last_structured = (text, out)
    return out


_last_structured: tuple = (None, "")


def _parse_restored(work: str) -> list[dict]:
    """Sections of ``work`` read with its lost line breaks restored; offsets point into ``work``."""
    lines = work.split("\n")
    breaks = lost_breaks(work, lines=lines)
    if not breaks:  # most text: read as it is, its lines split once
        return split_sections(work, item_offsets=True, lines=lines)
    restored, inserted = restore_breaks(work, breaks=breaks)
    starts = {restored_offset(inserted, b) for b in breaks}
    sections = split_sections(restored, item_offsets=True, line_starts=starts)
    if inserted:
        for sec in sections:
            sec["start"] = original_offset(inserted, sec["start"])
            sec["end"] = original_offset(inserted, sec["end"])
            for item in sec["items"]:
                item["start"] = original_offset(inserted, item["start"])
    return sections


def analyse(text: str, title: str | None = None, language: str | None = None, *,
            with_sections: bool = True, market: str | None = None) -> list[dict]:
    """Role records of a job text (see the module docstring for the record layout).

    ``title`` is the posting's title field when ingest found one; without it a
    "Title:" header or a first line naming a role is used. ``language`` is
    accepted for the pipeline's symmetry (the extractors cover en/ru/zh at once).
    Offsets in ``spans`` refer to :func:`structured_text` of ``text``: ``text`` itself,
    unless it is raw HTML, which is converted once by ingest's converter and then
    split into roles like any structured text. ``with_sections=False`` leaves each
    record's ``sections`` empty (extraction does not store them).
    ``market`` (ISO country) helps read a title the text leaves open
    (:func:`workbench.roles.classify_role`).
    """
    work = structured_text(text or "")
    mentions = find_role_mentions(work)
    # A title from the caller or a "Title:" field marks a posting for one job; a
    # first line that names roles may be an article's headline and does not.
    has_title = bool(title) or _TITLE_FIELD_RE.search(work, 0, 600) is not None
    if not title:
        title = _header_title(work, mentions)
    title_keys = _title_keys(title) if has_title and title else []
    if len(title_keys) > 1 and _compares(title, title_keys):
        has_title = False  # "Account Manager vs Account Director"
    sections = _parse_restored(work)
    contexts = split_roles(work, mentions, has_title=has_title)
    if not contexts:
        role = classify_role(title, work, language, market=market)
        return [_record(role, [(0, len(work))], work, sections, work, with_sections, title)]

    records = []
    for key, spans, by_heading in contexts:
        family, level, label = key
        evidence = sorted({m.text.lower() for m in mentions if m.key == key and _in_spans(m.start, spans)})[:5]
        role = {"family": family, "level": level, "label": label, "evidence": evidence,
                "confidence": 0.8 if by_heading else 0.6}
        own_sections = []
        for sec in sections:
            items = [i for i in sec["items"] if _in_spans(i["start"], spans)]
            if items or _in_spans(sec["start"], spans):
                own_sections.append({**sec, "items": items})
        body = "\n".join(work[a:b] for a, b in spans)
        records.append(_record(role, spans, body, own_sections, work, with_sections))
    return records


def attach_mentions(records: list[dict], spans: list[tuple[int, int]]) -> list[int | None]:
    """Index of the record each pay-mention span belongs to.

    A mention inside a record's span belongs to it; otherwise to the record
    whose span ends closest before the mention, when that is within a few lines
    (``None`` when no role context is near: a mention in an unrelated part of a
    page is not pay for any of its roles).
    """
    out: list[int | None] = []
    for start, _end in spans:
        owner = None
        best_end = -1
        for idx, rec in enumerate(records):
            for a, b in rec["spans"]:
                if a <= start < b:
                    owner = idx
                    break
                if b <= start and b > best_end:
                    best_end, near = b, idx
            if owner is not None:
                break
        if owner is None and best_end >= 0 and start - best_end <= _NEAREST_PRECEDING_CHARS:
            owner = near
        out.append(owner)
    return out
