"""Deterministic content: previews from the request, counterpart turns, reviews from turns.

Plain templates only, so the same request always yields the same scenario and tests can
rely on it; nothing here pretends to be an AI.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_LABEL = re.compile(
    r"\b(likely objections|desired outcome|objections|outcome|goal|counterpart|stakes|setting)\s*:",
    re.IGNORECASE,
)
_LABEL_KEYS = {
    "goal": "goal",
    "counterpart": "counterpart",
    "stakes": "stakes",
    "setting": "setting",
    "likely objections": "likely_objections",
    "objections": "likely_objections",
    "desired outcome": "desired_outcome",
    "outcome": "desired_outcome",
}
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
_CUSTOM_COUNTERPARTS = (
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


def squash(text: str, limit: int) -> str:
    """One line of printable text, whitespace collapsed, at most `limit` characters."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _humanize(value: object) -> str:
    text = squash(str(value).replace("_", " "), 100) if isinstance(value, str) else ""
    return text[:1].upper() + text[1:]


def _parse_brief(brief: str) -> dict[str, str]:
    """Labelled parts of a brief ("Goal: ... Stakes: ..."); text before any label is the intro."""
    parts: dict[str, str] = {}
    matches = list(_LABEL.finditer(brief))
    intro = brief[: matches[0].start()] if matches else brief
    parts["intro"] = squash(intro, 4000)
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(brief)
        value = squash(brief[match.end() : end], 2000).rstrip(" .")
        key = _LABEL_KEYS[match.group(1).lower()]
        if value and key not in parts:
            parts[key] = value
    return parts


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return (match.group(1) if match else text).rstrip(" .")


def _objections(parsed: str | None, roleplay_type: str) -> list[str]:
    if parsed:
        items = [squash(item, 200).rstrip(" .") for item in re.split(r"[;,]|\bor\b", parsed)]
        found = [item[:1].upper() + item[1:] for item in items if item]
        if found:
            return found[:10]
    return list(_TYPE_OBJECTIONS.get(roleplay_type, _TYPE_OBJECTIONS["custom"]))


def _counterpart(parsed: str | None, roleplay_type: str, conversation: str, company: str) -> str:
    if parsed:
        name = parsed[:1].upper() + parsed[1:]
    elif roleplay_type in _TYPE_COUNTERPARTS:
        name = _TYPE_COUNTERPARTS[roleplay_type]
    else:
        lowered = conversation.lower()
        name = next(
            (who for words, who in _CUSTOM_COUNTERPARTS if any(w in lowered for w in words)),
            "The other person",
        )
    if company and company.lower() not in name.lower():
        name = f"{name} at {company}"
    return squash(name, 200)


def _title(metadata: dict[str, Any], roleplay_type: str) -> str:
    conversation = _humanize(metadata.get("conversation_type"))
    role = squash(str(metadata.get("target_role") or ""), 100)
    company = squash(str(metadata.get("company") or ""), 100)
    subject = f"{role} at {company}" if role and company else role or company
    head = conversation or _TYPE_TITLES.get(roleplay_type, "Roleplay")
    return squash(f"{head}: {subject}" if subject else head, 200)


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
    """Everything a preview shows, derived only from the request."""
    metadata = request.get("metadata") or {}
    roleplay_type = request["roleplay_type"]
    persona, style = _PERSONAS.get(request["persona_id"], ("Emma", "friendly and curious"))
    duration = request["duration_minutes"]
    parts = _parse_brief(request["brief"])
    conversation = str(metadata.get("conversation_type") or "")
    company = squash(str(metadata.get("company") or ""), 100)
    difficulty = squash(str(metadata.get("difficulty") or ""), 32).lower()

    title = _title(metadata, roleplay_type)
    counterpart = _counterpart(parts.get("counterpart"), roleplay_type, conversation, company)
    goal = parts.get("goal") or _first_sentence(parts["intro"]) or squash(request["brief"], 2000)
    goal = squash(goal, 2000)
    objections = _objections(parts.get("likely_objections"), roleplay_type)
    stakes = parts.get("stakes")
    outcome = parts.get("desired_outcome")
    level = f"{difficulty} " if difficulty else ""
    setting = parts.get("setting") or (
        f"A {duration}-minute {level}practice conversation with {persona}, who is {style}."
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
    topic = _humanize(conversation).lower() or "this"
    opening = _TYPE_OPENINGS.get(
        roleplay_type, f"Thanks for making time. I understand you wanted to talk about {topic}?"
    )
    outline = [_TYPE_FIRST_PROMPTS.get(roleplay_type, _TYPE_FIRST_PROMPTS["custom"])]
    outline += [squash(f"Raise the objection: {item}.", 500) for item in objections[:3]]
    if outcome:
        outline.append(squash(f"Push for the outcome: {outcome}.", 500))
    outline.append("Agree on a clear next step before time runs out.")
    brief_parts = [
        f"You are practising a {title[:1].lower() + title[1:]} with {counterpart[:1].lower()}"
        f"{counterpart[1:]}.",
        f"Goal: {goal}.",
        f"Stakes: {stakes}." if stakes else "",
        f"Expect pushback such as: {'; '.join(objections[:3]).lower()}.",
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
        else:
            move = f"Let us keep going. {step}"
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
