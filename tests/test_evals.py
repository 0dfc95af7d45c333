"""The evaluation cases are well-formed, the metric and scoring code scores known inputs right, and retrieval holds up."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from evals.__main__ import retrieval
from evals.answers import judge
from evals.cases import CASES, HELDOUTS, KINDS, Case, load
from evals.metrics import by_kind, percentile, ratio, recall_at, reciprocal_rank, share, summarise
from evals.report import comparison_rows
from ingest.clean import squash

from conftest import FISCAL_TXT, STANDARD_TXT


def test_metrics_on_hand_made_rankings():
    rankings = [[True, False, False], [False, False, True], [False, False, False, False, False, True]]
    assert recall_at(rankings[1], 1) == 0 and recall_at(rankings[1], 3) == 1
    assert reciprocal_rank(rankings[1]) == pytest.approx(1 / 3)
    scores = summarise(rankings)
    assert scores["R@1"] == pytest.approx(1 / 3)
    assert scores["R@3"] == pytest.approx(2 / 3)
    assert scores["R@5"] == pytest.approx(2 / 3)
    assert scores["MRR"] == pytest.approx((1 + 1 / 3 + 1 / 6) / 3)


def test_percentiles_interpolate_between_closest_ranks():
    values = [7.0, 1.0, 3.0, 2.0, 9.0, 4.0, 6.0, 10.0, 5.0, 8.0]  # 1..10, unordered
    assert percentile(values, 50) == pytest.approx(5.5)
    assert percentile(values, 95) == pytest.approx(9.55)
    assert percentile(values, 0) == 1 and percentile(values, 100) == 10
    assert percentile([0.25], 95) == 0.25
    with pytest.raises(ValueError):
        percentile([], 50)


def test_shares_count_only_cases_that_define_the_flag_and_ratios_need_a_baseline():
    assert share([True, None, False, None, True, True]) == pytest.approx(3 / 4)
    assert share([None, None]) is None
    assert ratio(0.75, 0.25) == pytest.approx(3.0)
    assert ratio(0.0, 0.5) == 0.0
    assert ratio(0.5, 0.0) is None and ratio(None, 0.5) is None


ROWS = [  # four hand-scored cases; the expected table below is worked out by hand
    {"kind": "lookup", "ranked": [True, False], "correct": True, "grounded": True, "declined": None, "corrected": None,
     "seconds": 0.010},
    {"kind": "lookup", "ranked": [False, False, True], "correct": False, "grounded": True, "declined": None,
     "corrected": None, "seconds": 0.030},
    {"kind": "no_answer", "ranked": None, "correct": True, "grounded": True, "declined": True, "corrected": None,
     "seconds": 0.020},
    {"kind": "false_premise", "ranked": [False, True], "correct": False, "grounded": False, "declined": None,
     "corrected": True, "seconds": 0.040},
]


def test_per_kind_aggregation_on_hand_scored_cases():
    table = by_kind(ROWS)
    assert set(table) == {"lookup", "no_answer", "false_premise", "all"}
    lookup = table["lookup"]
    assert lookup["n"] == 2 and lookup["R@1"] == 0.5 and lookup["R@3"] == 1.0
    assert lookup["MRR"] == pytest.approx((1 + 1 / 3) / 2)
    assert lookup["correct"] == 0.5 and lookup["declined"] is None and lookup["corrected"] is None
    assert lookup["p50_ms"] == pytest.approx(20) and lookup["p95_ms"] == pytest.approx(29)
    assert table["no_answer"]["R@1"] is None and table["no_answer"]["declined"] == 1.0
    everything = table["all"]
    assert everything["n"] == 4
    assert everything["R@1"] == pytest.approx(1 / 3)  # over the three cases with a gold passage
    assert everything["correct"] == 0.5 and everything["grounded"] == 0.75
    assert everything["declined"] == 1.0 and everything["corrected"] == 1.0
    assert everything["p50_ms"] == pytest.approx(25) and everything["p95_ms"] == pytest.approx(38.5)


def test_comparison_puts_the_ratio_to_the_baseline_beside_each_kind():
    # the baseline gets the first lookup right and nothing else: it never declines
    baseline = [dict(row, correct=flag) for row, flag in zip(ROWS, [True, False, False, False])]
    rows = comparison_rows({"ours": by_kind(ROWS), "baseline": by_kind(baseline)})
    assert rows[0] == ["kind", "n", "ours correct", "baseline correct", "ours / baseline"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["lookup"][2:] == ["50.0%", "50.0%", "1.00×"]
    assert by_name["no_answer"][2:] == ["100.0%", "0.0%", "—"]  # no finite ratio to a baseline of 0
    assert by_name["false_premise"][2:] == ["0.0%", "0.0%", "—"]
    assert by_name["all"][2:] == ["50.0%", "25.0%", "2.00×"]


GOLD = {"doc": "自治区基本公共服务标准（2021年版）", "locator": "48.老年人福利补贴"}
ITEM_48 = {"doc": GOLD["doc"], "locator": "五、老有所养 › （十三）养老助老服务 › 48.老年人福利补贴 › 服务标准", "page": 37,
           "quote": "80—89周岁老年人每人每月50元，90—99周岁老年人每人每月120元，100周岁及以上老年人每人每月200元。"}


def _case(kind: str, question: str, gold: dict | None = None, numbers: tuple[str, ...] = ()) -> Case:
    return Case("t", kind, question, None, gold, None, list(numbers), "")


def _record(answer: str, answered: bool = True, citations: tuple[dict, ...] = (), calculations: tuple[dict, ...] = ()):
    return {"answer": answer, "answered": answered, "citations": list(citations), "calculations": list(calculations)}


def test_declining_is_right_only_for_questions_the_documents_do_not_answer():
    unknown = _case("no_answer", "公积金怎么提取？")
    assert judge(unknown, _record("文件里没有找到相关规定。", answered=False)) == \
        {"correct": True, "grounded": True, "declined": True, "corrected": None}
    assert judge(unknown, _record("每人每月120元。", citations=[ITEM_48]))["declined"] is False
    # a case naming the clause that says who decides must cite it when declining
    local = _case("no_answer", "喀什的高龄津贴是多少？", GOLD)
    assert judge(local, _record("文件没有规定喀什的标准。", answered=False)) == \
        {"correct": False, "grounded": True, "declined": True, "corrected": None}
    assert judge(local, _record("文件没有规定喀什的标准。", answered=False, citations=[ITEM_48]))["correct"]
    assert judge(_case("lookup", "高龄津贴多少？", GOLD, ("120",)), _record("不知道", answered=False))["declined"] is None


def test_a_false_premise_counts_as_corrected_when_rejected_with_the_right_figure():
    premise = _case("false_premise", "听说九十岁的老人每月有300块高龄津贴？", GOLD, ("120",))
    assert judge(premise, _record("不是300元，文件规定的是每人每月120元。", citations=[ITEM_48])) == \
        {"correct": True, "grounded": True, "declined": None, "corrected": True}
    agrees = judge(premise, _record("每人每月120元。", citations=[ITEM_48]))
    assert agrees["corrected"] is False and agrees["correct"] is False
    assert judge(premise, _record("不是300元。", citations=[ITEM_48]))["corrected"] is False  # no right figure
    uncited = judge(premise, _record("不是300元，是120元。"))
    assert uncited["corrected"] is True and uncited["correct"] is False and uncited["grounded"] is False


@pytest.mark.parametrize("gold, answer, right", [
    ("25.3", "增长25.32%。", True),  # the documents' one decimal, the calculator's two
    ("20.7", "增长20.69%。", True),
    ("25.4", "增长25.32%。", False),
    ("25", "增长25.32%。", False),  # a whole gold is exact
    ("42.40", "增长42.4%。", True),
])
def test_a_gold_number_is_found_as_written_or_more_precise(gold, answer, right):
    rise = _case("calc", "涨了百分之几？", GOLD, (gold,))
    assert judge(rise, _record(answer, citations=[ITEM_48]))["correct"] is right


def test_grounded_numbers_come_from_citations_the_user_or_a_calculation():
    asked = _case("calc", "我们这儿最低工资两千，失业金一个月多少？")
    unemployment = {"doc": GOLD["doc"], "locator": "29.失业保险", "page": 22, "quote": "按当地最低工资标准的90%发放失业保险金。"}
    worked = {"expression": "2000元 × 90% = 1800元", "result": "1800",
              "operands": [{"value": "2000", "unit": "元", "source": "user"}, {"value": "90", "unit": "%", "source": "document"}]}
    answer = "计算：2000元 × 90% = 1800元"
    assert judge(asked, _record(answer, citations=[unemployment], calculations=[worked]))["grounded"]
    assert not judge(asked, _record(answer, citations=[unemployment]))["grounded"]  # 1800 comes from nowhere
    assert judge(asked, _record("每人每月120元，详询12345。", citations=[ITEM_48]))["grounded"]  # a hotline is allowed
    assert not judge(asked, _record("每人每月150元。", citations=[ITEM_48]))["grounded"]


@pytest.mark.parametrize("path", [CASES, *HELDOUTS], ids=lambda p: p.name)
def test_cases_are_well_formed_and_evidence_is_verbatim(path):
    cases = load(path)
    corpus = squash((STANDARD_TXT.read_text(encoding="utf-8") + FISCAL_TXT.read_text(encoding="utf-8"))
                    .replace("**", "").replace("#", ""))
    assert len(cases) >= 60
    assert not [i for i, n in Counter(c.id for c in cases).items() if n > 1]
    for case in cases:
        assert case.kind in KINDS, case.id
        assert case.messages and all(case.messages), case.id
        if case.gold:
            # "……" joins passages quoted from apart; each is verbatim
            assert case.evidence and all(squash(part) in corpus for part in case.evidence.split("……")), case.id
        assert all(re.fullmatch(r"\d+(\.\d+)?", n) and n in case.answer for n in case.numbers), case.id


def test_retrieval_recall_on_public_cases(corpus_settings):
    scores = retrieval(corpus_settings, show_misses=False)
    assert scores["R@5"] >= 0.95


def test_with_a_language_model_the_table_says_how_answers_came_about():
    """by model: of all cases; fallback and guard rejected: of those the model was asked (not "rules")."""
    rows = [dict(ROWS[0], model=how) for how in ("rules", "model", "rejected", "failed")]
    everything = by_kind(rows)["all"]
    assert everything["asked"] == 0.75 and everything["by_model"] == 0.25
    assert everything["fallback"] == pytest.approx(2 / 3) and everything["rejected"] == pytest.approx(1 / 3)
    assert by_kind(ROWS)["all"]["by_model"] is None  # no model: no figure
