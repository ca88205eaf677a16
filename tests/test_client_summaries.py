"""The preview summary and the review digest show what the service returned, nothing more."""

from __future__ import annotations

from conftest import example
from hypothesis import given, settings
from hypothesis import strategies as st

from roleplay_sdk import (
    RoleplayPreview,
    RoleplayReview,
    RoleplaySession,
    review_digest,
    summarize_preview,
)


def test_a_full_preview_summary() -> None:
    summary = summarize_preview(RoleplayPreview.from_json(example("DraftPreview")))
    assert (summary.session_id, summary.scenario_id) == (
        "rps_8f14e45fceea167a",
        "scn_c9f0f895fb98ab91",
    )
    assert summary.status == "draft" and summary.needs_approval
    text = summary.as_text()
    assert text == str(summary)
    for expected in (
        "Session rps_8f14e45fceea167a (scenario scn_c9f0f895fb98ab91): draft, needs approval",
        "Opening prompt: Thanks for making time.",
        "  2. Push back on base salary with market data.",
        "Scenario: Senior PM offer negotiation",
        "  Counterpart: Recruiter at Acme",
        "  Likely objections: Fixed budget band; Equity instead of cash",
        "  Persona emma, 15 minutes, custom",
        "Q Score context: 72.5 - Strong communication",
        "Candidate brief: You are negotiating",
    ):
        assert expected in text


def test_absent_fields_stay_absent() -> None:
    summary = summarize_preview(RoleplayPreview.from_json(example("EditedPreview")))
    assert summary.scenario is None and summary.qscore_context is None
    assert summary.candidate_brief is None
    text = summary.as_text()
    assert "Scenario:" not in text and "Q Score" not in text and "Candidate brief" not in text
    assert "None" not in text


def test_a_session_summary_says_it_is_ready() -> None:
    session = RoleplaySession.from_json(example("ActiveSession"))
    assert "active, ready to practise" in summarize_preview(session).as_text()


@settings(max_examples=100, deadline=None)
@given(
    opening=st.none() | st.text(min_size=1, max_size=40).filter(str.strip),
    outline=st.lists(st.text(min_size=1, max_size=30).filter(str.strip), max_size=5),
    brief=st.none() | st.text(min_size=1, max_size=40).filter(str.strip),
)
def test_the_summary_holds_exactly_the_previews_values(
    opening: str | None, outline: list[str], brief: str | None
) -> None:
    data = example("EditedPreview")
    data.update(opening_prompt=opening, prompt_outline=outline, candidate_brief=brief)
    summary = summarize_preview(RoleplayPreview.from_json(data))
    assert (summary.opening_prompt, list(summary.prompt_outline)) == (opening, outline)
    assert summary.candidate_brief == brief
    text = summary.as_text()
    assert ("Opening prompt:" in text) is (opening is not None)
    assert ("Prompt outline:" in text) is bool(outline)
    assert ("Candidate brief:" in text) is (brief is not None)


def test_a_pending_review_digest_says_so_and_shows_nothing_else() -> None:
    digest = review_digest(RoleplayReview.from_json(example("PendingReview")))
    assert digest.pending and not digest.has_feedback and digest.overall_score is None
    assert "still pending" in digest.as_text()
    assert "score" not in digest.as_text().replace("no scores", "")


def test_a_completed_review_digest() -> None:
    digest = review_digest(RoleplayReview.from_json(example("CompletedReview")))
    assert not digest.pending and digest.overall_score == 78
    text = str(digest)
    for expected in (
        "Overall score: 78/100",
        "Better phrasing:",
        'Instead of "I was hoping for maybe a bit more?", try "Based on market data',
        "(A specific number anchors the negotiation.)",
        "Likely pushback:\n  - The band is fixed for this level.",
        "Confidence cues:\n  - Pause after stating your number.",
        "Next rehearsal step: Rehearse the counter-offer with a 5-minute drill.",
    ):
        assert expected in text


def test_a_completed_review_without_feedback_is_not_padded() -> None:
    data = example("CompletedReview")
    data.update(scores=None, feedback=None)
    digest = review_digest(RoleplayReview.from_json(data))
    assert digest.as_text().endswith("The review returned no scores or feedback.")
    assert "Better phrasing" not in digest.as_text() and "Next rehearsal" not in digest.as_text()
    data = example("CompletedReview")
    data["feedback"].update(
        better_phrasing=[], likely_pushback=[], confidence_cues=[], next_step=None
    )
    text = review_digest(RoleplayReview.from_json(data)).as_text()
    assert "Overall score: 78/100" in text
    assert "Likely pushback" not in text and "Confidence cues" not in text
