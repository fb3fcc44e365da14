"""The similarity thresholds of theme memory (ballots/memory.py) and cluster suggestions (clustering.py), measured
on the labelled pairs (outcomes/data/similarity-pairs.csv; table in docs/tagging.md). The thresholds the code
uses must keep precision at PRECISION or more on the set, with recall not below a floor, so moving a threshold
(or the scorer) the wrong way fails here."""

import pytest

from colloquy.core import embeddings
from colloquy.outcomes import similarity
from colloquy.outcomes.similarity import Pair

PRECISION = 0.9  # of the pairs a feature calls "the same", at least 9 in 10 are
RECALL_FLOOR_WITH_MODEL = 0.75  # with the [semantic] extra: at least 3 in 4 true pairs found
THEME_RECALL_FLOOR_FUZZY = 0.35  # titles only: the fuzzy test alone still finds a third of the renamed themes


def test_the_labelled_set_has_enough_pairs_of_both_kinds_for_both_features():
    pairs = similarity.load()
    assert len(pairs) >= 40
    for task in ("theme", "recommendation"):
        subset = [p for p in pairs if p.task == task]
        assert sum(p.same for p in subset) >= 10 and sum(not p.same for p in subset) >= 10


def test_the_fuzzy_thresholds_keep_precision_on_the_labelled_pairs():
    results = similarity.measure(semantic=False)
    theme, recs = results["theme"]["chosen_fuzzy"], results["recommendation"]["chosen_fuzzy"]
    assert theme.precision >= PRECISION, theme
    assert theme.recall >= THEME_RECALL_FLOOR_FUZZY, theme
    # clusters by wording alone: only near-repeats, so no wrong pair on the set (the paraphrases are the model's)
    assert recs.fp == 0 and recs.precision >= PRECISION, recs


def test_a_lower_fuzzy_threshold_would_fail_the_precision_bar():
    """The check has teeth: one step below each chosen fuzzy threshold, the labelled set shows false pairs."""
    results = similarity.measure(semantic=False)
    by_threshold = {task: {s.threshold: s for s in r["fuzzy"]} for task, r in results.items()}
    assert by_threshold["theme"][75].precision < PRECISION
    assert by_threshold["recommendation"][90].precision < PRECISION


def test_the_score_counts_true_and_false_pairs():
    pairs = [Pair("theme", True, "t", "a", "a"), Pair("theme", False, "t", "a", "b"), Pair("theme", True, "t", "c", "d")]
    s = similarity.score(pairs, [True, True, False], 80)
    assert (s.tp, s.fp, s.fn, s.precision, s.recall) == (1, 1, 1, 0.5, 0.5)


@pytest.mark.semantic
@pytest.mark.slow
def test_with_the_model_both_features_keep_precision_and_find_most_pairs():
    if not embeddings.usable():
        pytest.skip("the [semantic] extra is not installed")
    results = similarity.measure(semantic=True)
    for task, r in results.items():
        assert r["semantic"] is not None, task
        both = r["chosen_combined"]
        assert both.precision >= PRECISION, (task, both)
        assert both.recall >= RECALL_FLOOR_WITH_MODEL, (task, both)
