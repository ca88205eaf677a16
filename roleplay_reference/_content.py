"""Deterministic content: previews from the request, counterpart turns, reviews from turns.

Plain templates only, so the same request always yields the same scenario and tests can
rely on it; nothing here pretends to be an AI.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from ._brief import (
    capitalize,
    first_sentence,
    free_goal,
    free_objections,
    free_outcome,
    free_stakes,
    lower_first,
    mentioned_counterpart,
    parse_labels,
    squash,
    topic,
)

_PERSONAS = {
    "payal": ("Payal", "warm but direct"),
    "emma": ("Emma", "friendly and curious"),
    "john": ("John", "skeptical and data-driven"),
    "kapil": ("Kapil", "busy and to the point"),
}
_TYPE_TITLES = {
    "sales": "Sales conversation",
    "customer_success": "Customer success conversation",
    "support": "Support conversation",
    "custom": "Workplace conversation",
}
_TYPE_COUNTERPARTS = {
    "sales": "A prospective buyer",
    "customer_success": "The customer's account owner",
    "support": "A frustrated customer",
}
# A custom conversation's counterpart when the brief names nobody, by its topic.
_TOPIC_COUNTERPARTS = (
    (("salary", "offer", "recruit", "compensation"), "The recruiter"),
    (("manager", "promotion", "review", "raise"), "Your manager"),
    (("network",), "A senior peer"),
    (("conflict", "disagree"), "A colleague"),
    (("stakeholder", "alignment"), "A senior stakeholder"),
)
_TYPE_OBJECTIONS = {
    "sales": ["We already have a vendor for this", "The price is above our budget"],
    "customer_success": ["Usage has dropped and the value is unclear", "A competitor is cheaper"],
    "support": ["This has happened before", "I need a fix today, not a workaround"],
    "custom": ["That is not possible right now", "Let me think about it and get back to you"],
}
_TYPE_OPENINGS = {
    "sales": "Thanks for the call. Remind me why this should matter to us right now?",
    "customer_success": "Thanks for reaching out. Honestly, we have been asking whether this is "
    "still worth it.",
    "support": "I have been waiting for a fix for days. What is going on?",
}
_TYPE_FIRST_PROMPTS = {
    "sales": "Open by asking about the buyer's current process and pain points.",
    "customer_success": "Open by asking how the customer measures value today.",
    "support": "Open by acknowledging the problem and asking for the impact.",
    "custom": "Open by stating what you want from the conversation.",
}
_HEDGES = (
    "maybe",
    "just",
    "i think",
    "sort of",
    "kind of",
    "hopefully",
    "sorry",
    "i guess",
    "a bit",
    "perhaps",
)
_RAPPORT = ("thank", "appreciate", "understand", "great", "glad")


def _humanize(value: object) -> str:
    text = squash(str(value).replace("_", " "), 100) if isinstance(value, str) else ""
    return capitalize(text)


def _objections(labelled: str | None, free_text: str, roleplay_type: str) -> list[str]:
    """The labelled objections, else those the brief says the counterpart will raise."""
    if labelled:
        items = [squash(item, 200).rstrip(" .") for item in re.split(r"[;,]|\bor\b", labelled)]
        found = [capitalize(item) for item in items if item]
        if found:
            return found[:10]
    return free_objections(free_text) or list(
        _TYPE_OBJECTIONS.get(roleplay_type, _TYPE_OBJECTIONS["custom"])
    )


def _counterpart(
    labelled: str | None, brief: str, roleplay_type: str, conversation: str, company: str
) -> str:
    """Labelled, else named in the brief ("with my manager"), else by type, else by topic."""
    name = capitalize(labelled) if labelled else mentioned_counterpart(brief, roleplay_type)
    if name is None and roleplay_type in _TYPE_COUNTERPARTS:
        name = _TYPE_COUNTERPARTS[roleplay_type]
    if name is None:
        lowered = f"{conversation} {brief}".lower()
        name = next(
            (who for words, who in _TOPIC_COUNTERPARTS if any(w in lowered for w in words)),
            "The other person",
        )
    if company and company.lower() not in name.lower():
        name = f"{name} at {company}"
    return squash(name, 200)


def _title(metadata: dict[str, Any], roleplay_type: str, topic_name: str, counterpart: str) -> str:
    """ "Salary negotiation: Senior PM at Acme", else "Salary negotiation with your manager"."""
    role = squash(str(metadata.get("target_role") or ""), 100)
    company = squash(str(metadata.get("company") or ""), 100)
    subject = f"{role} at {company}" if role and company else role or company
    head = capitalize(topic_name) or _TYPE_TITLES.get(roleplay_type, "Roleplay")
    if subject:
        return squash(f"{head}: {subject}", 200)
    who = counterpart[:1].lower() + counterpart[1:]
    named = who.split(" at ")[0].split()[-1]  # "your manager at Acme" -> "manager"
    if not topic_name or named in topic_name:
        return squash(head, 200)  # "Recruiter call", not "... with the recruiter"
    return squash(f"{head} with {who}", 200)


def scenario_id_for(request: dict[str, Any]) -> str:
    """The same scenario (brief, persona, type, length, metadata) always has the same ID."""
    material = [
        request.get("brief"),
        request.get("persona_id"),
        request.get("roleplay_type"),
        request.get("duration_minutes"),
        request.get("metadata") or {},
    ]
    digest = hashlib.sha256(json.dumps(material, sort_keys=True).encode("utf-8")).hexdigest()
    return f"scn_{digest[:16]}"


def qscore_context(qscore: dict[str, Any] | None) -> dict[str, Any] | None:
    """How the Q Score shaped the scenario; `None` whenever no qscore was sent."""
    if not qscore:
        return None
    value = qscore["q_score"]
    if value < 40:
        band = "Foundational: the counterpart leaves clear openings and stays patient."
    elif value < 70:
        band = "Developing: expect moderate pushback; practise being specific."
    else:
        band = "Strong: expect firm pushback and few openings."
    return {"q_score": value, "summary": f"Q Score {value:g}. {band}"}


def build_preview(request: dict[str, Any]) -> dict[str, Any]:
    """Everything a preview shows, derived only from the request and what its brief says."""
    metadata = request.get("metadata") or {}
    roleplay_type = request["roleplay_type"]
    persona, style = _PERSONAS.get(request["persona_id"], ("Emma", "friendly and curious"))
    duration = request["duration_minutes"]
    brief = request["brief"]
    parts = parse_labels(brief)
    intro = parts["intro"]
    conversation = str(metadata.get("conversation_type") or "")
    company = squash(str(metadata.get("company") or ""), 100)
    difficulty = squash(str(metadata.get("difficulty") or ""), 32).lower()

    topic_name = _humanize(conversation).lower()
    talk_about = topic_name or "this"
    found_topic = topic(brief) if not topic_name and roleplay_type == "custom" else None
    if found_topic is not None:
        topic_name, talk_about = found_topic
    labelled = parts.get("counterpart")
    counterpart = _counterpart(labelled, brief, roleplay_type, conversation, company)
    title = _title(metadata, roleplay_type, topic_name, counterpart)
    wanted = None if parts.get("goal") else free_goal(intro)
    goal = parts.get("goal") or (wanted[0] if wanted else first_sentence(intro))
    goal = squash(goal or brief, 2000)
    objections = _objections(parts.get("likely_objections"), intro, roleplay_type)
    stakes = parts.get("stakes") or free_stakes(intro, skip=wanted[1] if wanted else None)
    outcome = parts.get("desired_outcome") or free_outcome(intro)
    level = f"{difficulty} " if difficulty else ""
    who = counterpart[:1].lower() + counterpart[1:]
    setting = parts.get("setting") or (
        f"A {duration}-minute {level}practice conversation with {persona} as {who}, who is {style}."
    )
    scenario = {
        "title": title,
        "counterpart": counterpart,
        "setting": squash(setting, 2000),
        "goal": goal,
        "stakes": stakes,
        "likely_objections": objections,
        "desired_outcome": outcome,
        "persona_id": request["persona_id"],
        "duration_minutes": duration,
        "roleplay_type": roleplay_type,
    }
    opening = _TYPE_OPENINGS.get(
        roleplay_type,
        f"Thanks for making time. I understand you wanted to talk about {talk_about}?",
    )
    outline = [_TYPE_FIRST_PROMPTS.get(roleplay_type, _TYPE_FIRST_PROMPTS["custom"])]
    outline += [squash(f"Raise the objection: {item}.", 500) for item in objections[:3]]
    if outcome:
        outline.append(squash(f"Push for the outcome: {outcome}.", 500))
    outline.append("Agree on a clear next step before time runs out.")
    practising = title[:1].lower() + title[1:]
    if who not in practising:
        practising = f"{practising} with {who}"
    article = "an" if practising[:1] in "aeiou" else "a"
    pushback = "; ".join(lower_first(item) for item in objections[:3])
    brief_parts = [
        f"You are practising {article} {practising}.",
        f"Goal: {goal}.",
        f"Stakes: {stakes}." if stakes else "",
        f"Expect pushback such as: {pushback}.",
        f"Aim for: {outcome}." if outcome else "",
        f"{duration} minutes with {persona}, who is {style}.",
    ]
    return {
        "scenario_id": scenario_id_for(request),
        "opening_prompt": squash(opening, 500),
        "prompt_outline": outline[:20],
        "scenario": scenario,
        "qscore_context": qscore_context(request.get("qscore")),
        "candidate_brief": squash(" ".join(p for p in brief_parts if p), 4000),
    }


# What the counterpart says for the preview's own outline steps (see build_preview).
_STEP_LINES = (
    ("Open by", "Tell me more: what do you want to get out of this conversation?"),
    ("Push for the outcome: ", "Let me be straight with you: what is the least you would accept?"),
    ("Agree on a clear next step", "So what should we agree on as the next step?"),
)


def counterpart_turn(outline: list[str], index: int, person_text: str) -> str:
    """The counterpart's deterministic answer to the person's `index`-th turn (0-based)."""
    lowered = person_text.lower()
    if any(ch.isdigit() for ch in person_text):
        ack = "That is a specific number."
    elif "?" in person_text:
        ack = "Good question."
    elif any(word in lowered for word in _RAPPORT):
        ack = "I appreciate that."
    else:
        ack = "I hear you."
    if index < len(outline):
        step = outline[index]
        if step.startswith("Raise the objection: "):
            move = f"But honestly: {step.removeprefix('Raise the objection: ')}"
        elif step.endswith("?"):
            move = step  # a question the person wrote for the counterpart to ask
        else:
            # The preview's own steps are written to the person; the counterpart voices them.
            move = next(
                (said for prefix, said in _STEP_LINES if step.startswith(prefix)),
                f"Let us keep going. {step}",
            )
    else:
        move = "We are nearly out of time. What exactly are you asking for?"
    return squash(f"{ack} {move}", 2000)


def _category(name: str, score: float, good: str, weak: str) -> dict[str, Any]:
    return {"name": name, "score": round(score, 1), "comment": good if score >= 70 else weak}


_ADVICE = {
    "Clarity": "Keep each turn to one or two sentences with a single point.",
    "Anchoring": "Lead with a specific number before the counterpart names theirs.",
    "Discovery": "Ask open questions to learn the counterpart's constraints.",
    "Confidence": "Drop hedging words and state your ask plainly.",
    "Rapport": "Acknowledge the counterpart's position before you push back.",
}


NO_TURNS_SUMMARY = "No turns were recorded in this practice, so there was nothing to score."


def build_review(person_turns: list[str], scenario: dict[str, Any] | None) -> dict[str, Any]:
    """Scores, feedback and recommendations derived only from the person's recorded turns."""
    objections = list((scenario or {}).get("likely_objections") or [])[:20]
    count = len(person_turns)
    if count == 0:
        # Nothing was said, so nothing is scored (a 0 would be a score for nothing): no
        # scores, hence no leaderboard entry; the feedback says why and what to do next.
        return {
            "scores": None,
            "feedback": {
                "summary": NO_TURNS_SUMMARY,
                "better_phrasing": [],
                "likely_pushback": objections,
                "confidence_cues": [],
                "next_step": "Start a 5-minute drill and state your goal in the first turn.",
            },
            "recommendations": ["Complete at least a few turns before ending the practice."],
        }
    lowered = [turn.lower() for turn in person_turns]
    words = sum(len(turn.split()) for turn in person_turns) / count
    with_numbers = sum(any(ch.isdigit() for ch in turn) for turn in person_turns) / count
    questions = sum(turn.count("?") for turn in person_turns)
    hedges = sum(sum(text.count(h) for h in _HEDGES) for text in lowered)
    rapport = sum(sum(text.count(r) for r in _RAPPORT) for text in lowered)
    if 8 <= words <= 40:
        clarity = 85.0
    elif words < 8:
        clarity = 50.0 + 4.0 * words
    else:
        clarity = max(40.0, 85.0 - (words - 40.0))
    categories = [
        _category("Clarity", clarity, "Turns were focused.", "Turns were too short or too long."),
        _category(
            "Anchoring",
            min(100.0, 40.0 + 60.0 * with_numbers),
            "Named numbers.",
            "Few specific numbers.",
        ),
        _category(
            "Discovery",
            40.0 + min(45.0, 15.0 * questions),
            "Asked good questions.",
            "Asked few questions.",
        ),
        _category(
            "Confidence",
            max(20.0, 90.0 - 10.0 * hedges),
            "Spoke plainly.",
            "Hedging softened the ask.",
        ),
        _category(
            "Rapport",
            50.0 + min(40.0, 10.0 * rapport),
            "Kept it warm.",
            "Little acknowledgement of the other side.",
        ),
    ]
    overall = round(sum(c["score"] for c in categories) / len(categories), 1)
    ranked = sorted(categories, key=lambda c: (c["score"], c["name"]))
    weakest, strongest = ranked[0]["name"], ranked[-1]["name"]
    phrasing: list[dict[str, str]] = []
    for turn in person_turns:
        if len(phrasing) == 3:
            break
        plain = turn
        for hedge in _HEDGES:
            plain = re.sub(rf"\b{re.escape(hedge)}\b,?\s*", "", plain, flags=re.IGNORECASE)
        plain = squash(plain, 2000)
        if plain != squash(turn, 2000):
            phrasing.append(
                {
                    "original": squash(turn, 2000),
                    "suggested": plain[:1].upper() + plain[1:] if plain else "State your ask.",
                    "why": "Hedging words soften your ask; say it plainly.",
                }
            )
    cues = ["Pause after you state your ask."]
    if hedges:
        cues.insert(0, "Drop filler words such as 'maybe' and 'just'.")
    if not with_numbers:
        cues.append("Name a specific number early.")
    weak = [c["name"] for c in ranked if c["score"] < 70]
    recommendations = [_ADVICE[name] for name in weak] or [
        "Try a 30-minute session at a harder difficulty."
    ]
    plural = "turn" if count == 1 else "turns"
    return {
        "scores": {"overall": overall, "categories": categories},
        "feedback": {
            "summary": f"{count} {plural} recorded. Strongest: {strongest.lower()}; "
            f"work on {weakest.lower()}.",
            "better_phrasing": phrasing,
            "likely_pushback": objections,
            "confidence_cues": cues,
            "next_step": f"Rehearse a 5-minute drill focused on {weakest.lower()}.",
        },
        "recommendations": recommendations,
    }
