"""Hand-worked tallies for each method, including ties, and the IRV tally against a brute-force reference."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from colloquy.ballots.tally import tally, tally_counts, tally_irv


def test_single_choice_counts_and_winner():
    result = tally("single", [1, 2, 3], [[1], [2], [1], [3], [1]])
    assert result.counts == {1: 3, 2: 1, 3: 1}
    assert result.winner == 1
    assert result.ranking == [1, 2, 3]
    assert result.tied == []


def test_single_choice_tie_for_first_is_reported_and_broken_by_ballot_order():
    result = tally("single", [1, 2, 3], [[2], [1], [3], [2], [1]])
    assert result.counts == {1: 2, 2: 2, 3: 1}
    assert result.tied == [1, 2]
    assert result.tie_break_used
    assert result.winner == 1  # listed first on the ballot


def test_no_votes_means_no_winner():
    result = tally("single", [1, 2], [])
    assert result.winner is None
    assert result.counts == {1: 0, 2: 0}


def test_approval_counts_each_approved_option_once():
    result = tally_counts("approval", [1, 2, 3], [[1, 2], [2, 3], [2], [1]])
    assert result.counts == {1: 2, 2: 3, 3: 1}
    assert result.winner == 2
    assert result.ranking == [2, 1, 3]


def test_approval_tie_lower_down_orders_by_ballot_position():
    result = tally_counts("approval", [1, 2, 3], [[3, 2], [1, 3], [2]])
    assert result.counts == {1: 1, 2: 2, 3: 2}
    assert result.ranking == [2, 3, 1]
    assert result.tied == [2, 3]


def test_irv_transfers_votes_of_the_eliminated_option():
    # A=1 4 first preferences, B=2 3, C=3 2; C goes out and its ballots move to B, who wins 5 to 4.
    ballots = [[1, 2, 3]] * 4 + [[2, 3, 1]] * 3 + [[3, 2, 1]] * 2
    result = tally_irv([1, 2, 3], ballots)
    assert [r.counts for r in result.rounds] == [{1: 4, 2: 3, 3: 2}, {1: 4, 2: 5}]
    assert result.rounds[0].eliminated == 3
    assert result.winner == 2
    assert result.counts == {1: 4, 2: 3, 3: 2}  # first preferences
    assert result.ranking == [2, 1, 3]
    assert not result.tie_break_used


def test_irv_outright_majority_wins_in_the_first_round():
    result = tally_irv([1, 2, 3], [[1], [1, 2], [2], [1, 3]])
    assert len(result.rounds) == 1
    assert result.winner == 1


def test_irv_tie_for_last_place_is_broken_by_the_earlier_round():
    # Round 1: A5 B4 C3 D2 → D out (one ballot moves to C, one is exhausted).
    # Round 2: A5 B4 C4 → B and C tie for last; in round 1 C had fewer (3 < 4), so C goes out.
    # Round 3: C's ballots move to B: B7 A5 of 12 continuing → B wins.
    ballots = [[1]] * 5 + [[2]] * 4 + [[3, 2]] * 3 + [[4, 3]] + [[4]]
    result = tally_irv([1, 2, 3, 4], ballots)
    assert [r.eliminated for r in result.rounds] == [4, 3, None]
    assert result.rounds[1].counts == {1: 5, 2: 4, 3: 4}
    assert result.rounds[1].exhausted == 1
    assert result.rounds[1].tie_break == "fewest votes in an earlier round"
    assert result.rounds[2].counts == {1: 5, 2: 7}
    assert result.rounds[2].exhausted == 2
    assert result.winner == 2
    assert result.tie_break_used


def test_irv_tie_in_every_round_eliminates_the_option_listed_later():
    result = tally_irv([1, 2], [[1], [2]])
    assert result.rounds[0].eliminated == 2
    assert result.rounds[0].tie_break == "listed later on the ballot"
    assert result.winner == 1


def test_irv_with_every_ballot_exhausted_has_no_winner():
    result = tally_irv([1, 2], [])
    assert result.winner is None


# --- property: the incremental IRV equals a brute-force recount --------------------------------------

def reference_irv(options, ballots):
    """Recount every ballot from scratch each round; eliminate the lexicographically weakest history."""
    eliminated = []
    history = []
    while True:
        remaining = [o for o in options if o not in eliminated]
        counts = {}
        for o in remaining:
            counts[o] = sum(1 for b in ballots if [x for x in b if x not in eliminated][:1] == [o])
        active = sum(counts.values())
        majority = [o for o in remaining if active and 2 * counts[o] > active]
        if majority:
            return majority[0], eliminated
        if active == 0:
            return None, eliminated
        if len(remaining) == 1:
            return remaining[0], eliminated
        history.insert(0, counts)

        def weakness(o):
            return (tuple(h[o] for h in history), -options.index(o))

        eliminated.append(min(remaining, key=weakness))


@st.composite
def elections(draw):
    n = draw(st.integers(min_value=2, max_value=5))
    options = list(range(10, 10 + n))
    ranking = st.permutations(options).flatmap(lambda p: st.integers(0, n).map(lambda k: list(p[:k])))
    return options, draw(st.lists(ranking, max_size=25))


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(elections())
def test_irv_tally_equals_a_brute_force_reference(election):
    options, ballots = election
    winner, eliminated = reference_irv(options, ballots)
    result = tally_irv(options, ballots)
    assert result.winner == winner
    assert [r.eliminated for r in result.rounds if r.eliminated is not None] == eliminated
    if result.winner is not None:
        last = result.rounds[-1]
        assert 2 * last.counts[result.winner] > sum(last.counts.values()) or len(last.counts) == 1
