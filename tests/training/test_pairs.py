"""Training pairs by distant supervision: which sentences are positives and which negatives."""

from __future__ import annotations

import json

from training.pairs import realtimeqa_pairs

ARTICLE = (
    "The city council met on Tuesday to vote on the new budget.\n\n"
    "The budget passed by six votes to one after a long debate.\n\n"
    "Councilwoman Dana Reyes cast the only vote against the budget.\n\n"
    "The zoo welcomed a baby giraffe on Sunday."
)


def _week(folder, question, choices, answer=0):
    (folder / "20990102_qa.jsonl").write_text(
        json.dumps(
            {"question_id": "q1", "question_sentence": question, "choices": choices, "answer": [str(answer)]}
        )
        + "\n"
    )
    result = {"url": "https://example.org/a", "title": "Council passes budget", "text": ARTICLE}
    (folder / "20990102_gcs.jsonl").write_text(json.dumps({"question_id": "q1", "search_result": [result]}) + "\n")
    return folder


def test_realtimeqa_pairs__the_sentence_holding_the_gold_is_the_positive_the_rest_negatives(tmp_path):
    pairs = list(realtimeqa_pairs(_week(tmp_path, "Who voted against the budget?", ["Dana Reyes", "X"]), ["20990102"], seed=1))
    positives = [p.candidate for p in pairs if p.label == 1]
    assert len(positives) == 1 and positives[0].startswith("Councilwoman Dana Reyes cast the only vote")
    assert "Council passes budget" in positives[0]  # the title and neighbours come with it
    negatives = [p.candidate.split(" | ")[0] for p in pairs if p.label == 0]
    assert "The budget passed by six votes to one after a long debate." in negatives
    assert {p.group for p in pairs} == {"q1"} and {p.question for p in pairs} == {"Who voted against the budget?"}


def test_realtimeqa_pairs__a_question_that_needs_its_choices_or_whose_gold_is_nowhere_gives_none(tmp_path):
    choices = _week(tmp_path, "Which of the following voted against the budget?", ["Dana Reyes", "X"])
    assert list(realtimeqa_pairs(choices, ["20990102"], seed=1)) == []
    nowhere = _week(tmp_path, "Who voted against the budget?", ["Pat Morgan", "X"])
    assert list(realtimeqa_pairs(nowhere, ["20990102"], seed=1)) == []
