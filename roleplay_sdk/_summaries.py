"""Plain-text summaries of what the service returned, and nothing it did not.

The seed asks the agent to summarize a preview's session_id, scenario_id, status,
needs_approval, opening_prompt, prompt_outline, scenario, qscore_context and candidate_brief
"when available", and to keep review feedback practical (better phrasing, likely pushback,
confidence cues, one next rehearsal step) without fabricating scores or reviews. So a field
the service left null or empty is left out here, never filled in.
"""

from __future__ import annotations

import attrs

from roleplay_sdk._models import (
    PhrasingSuggestion,
    QScoreContext,
    RoleplayPreview,
    RoleplayReview,
    Scenario,
)


@attrs.frozen(kw_only=True)
class PreviewSummary:
    """The seed's preview fields; None (or an empty outline) where the service had none."""

    session_id: str
    scenario_id: str
    status: str
    needs_approval: bool
    opening_prompt: str | None = None
    prompt_outline: tuple[str, ...] = ()
    scenario: Scenario | None = None
    qscore_context: QScoreContext | None = None
    candidate_brief: str | None = None

    def as_text(self) -> str:
        """A plain-text rendering: one line per available field, absent ones left out."""
        approval = "needs approval before practice" if self.needs_approval else "ready to practise"
        lines = [
            f"Session {self.session_id} (scenario {self.scenario_id}): {self.status}, {approval}."
        ]
        if self.scenario is not None:
            lines.extend(_scenario_lines(self.scenario))
        if self.opening_prompt:
            lines.append(f"Opening prompt: {self.opening_prompt}")
        if self.prompt_outline:
            lines.append("Prompt outline:")
            lines.extend(
                f"  {number}. {item}" for number, item in enumerate(self.prompt_outline, 1)
            )
        if self.qscore_context is not None:
            context = f"Q Score context: {_number(self.qscore_context.q_score)}"
            if self.qscore_context.summary:
                context += f" - {self.qscore_context.summary}"
            lines.append(context)
        if self.candidate_brief:
            lines.append(f"Candidate brief: {self.candidate_brief}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.as_text()


def _number(value: float) -> str:
    return f"{value:g}"


def _scenario_lines(scenario: Scenario) -> list[str]:
    lines = [
        f"Scenario: {scenario.title}",
        f"  Counterpart: {scenario.counterpart}",
        f"  Goal: {scenario.goal}",
    ]
    for label, value in (
        ("Setting", scenario.setting),
        ("Stakes", scenario.stakes),
        ("Likely objections", "; ".join(scenario.likely_objections)),
        ("Desired outcome", scenario.desired_outcome),
    ):
        if value:
            lines.append(f"  {label}: {value}")
    lines.append(
        f"  Persona {scenario.persona_id}, {scenario.duration_minutes} minutes, "
        f"{scenario.roleplay_type}"
    )
    return lines


def summarize_preview(preview: RoleplayPreview) -> PreviewSummary:
    """The seed's summary of a preview (or session) as the service returned it."""
    return PreviewSummary(
        session_id=preview.session_id,
        scenario_id=preview.scenario_id,
        status=preview.status,
        needs_approval=preview.needs_approval,
        opening_prompt=preview.opening_prompt,
        prompt_outline=preview.prompt_outline,
        scenario=preview.scenario,
        qscore_context=preview.qscore_context,
        candidate_brief=preview.candidate_brief,
    )


#: A completed review without scores: the spec says no turn was recorded, so nothing is ranked.
NOT_SCORED = "Not scored: no turns were recorded, so there is no score and no leaderboard rank."


@attrs.frozen(kw_only=True)
class ReviewDigest:
    """The practical part of a review, exactly as returned; `pending` until it is completed."""

    session_id: str
    status: str
    overall_score: float | None = None
    summary: str | None = None
    better_phrasing: tuple[PhrasingSuggestion, ...] = ()
    likely_pushback: tuple[str, ...] = ()
    confidence_cues: tuple[str, ...] = ()
    next_step: str | None = None

    @property
    def pending(self) -> bool:
        return self.status == "pending"

    @property
    def scored(self) -> bool:
        """False for a completed practice with no recorded turn: no score, not ranked."""
        return self.overall_score is not None

    @property
    def has_feedback(self) -> bool:
        return bool(
            self.summary
            or self.better_phrasing
            or self.likely_pushback
            or self.confidence_cues
            or self.next_step
        )

    def as_text(self) -> str:
        """Plain text; says plainly when the review is still pending or returned no feedback."""
        if self.pending:
            return (
                f"The review of session {self.session_id} is still pending: the session has "
                "not been completed yet, so there are no scores or feedback to show."
            )
        lines = [f"Review of session {self.session_id} ({self.status})."]
        if self.overall_score is not None:
            lines.append(f"Overall score: {_number(self.overall_score)}/100")
        else:
            lines.append(NOT_SCORED)
        if self.summary:
            lines.append(self.summary)
        if self.better_phrasing:
            lines.append("Better phrasing:")
            for item in self.better_phrasing:
                why = f" ({item.why})" if item.why else ""
                lines.append(f'  - Instead of "{item.original}", try "{item.suggested}"{why}')
        for label, items in (
            ("Likely pushback", self.likely_pushback),
            ("Confidence cues", self.confidence_cues),
        ):
            if items:
                lines.append(f"{label}:")
                lines.extend(f"  - {item}" for item in items)
        if self.next_step:
            lines.append(f"Next rehearsal step: {self.next_step}")
        if self.overall_score is None and not self.has_feedback:
            lines.append("The review returned no scores or feedback.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.as_text()


def review_digest(review: RoleplayReview) -> ReviewDigest:
    """The digest of a review: only what it returned (nothing at all while pending)."""
    if review.is_pending:
        return ReviewDigest(session_id=review.session_id, status=review.status)
    feedback = review.feedback
    return ReviewDigest(
        session_id=review.session_id,
        status=review.status,
        overall_score=review.scores.overall if review.scores is not None else None,
        summary=feedback.summary if feedback else None,
        better_phrasing=feedback.better_phrasing if feedback else (),
        likely_pushback=feedback.likely_pushback if feedback else (),
        confidence_cues=feedback.confidence_cues if feedback else (),
        next_step=feedback.next_step if feedback else None,
    )
