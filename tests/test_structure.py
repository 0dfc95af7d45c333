"""Chunks follow the documents' own structure and carry title, heading path, field and pages."""
from __future__ import annotations

from ingest.pipeline import read_chunks

from conftest import FISCAL_PDF, FISCAL_TXT, STANDARD_PDF, STANDARD_TXT

STANDARD = "自治区基本公共服务标准（2021年版）"
ARTICLE_A = "民生保障有力为新疆经济社会高质量发展筑牢民生根基"
ARTICLE_B = "积极发挥财政职能作用坚决守住不发生规模性返贫致贫底线"


def by_locator(chunks):
    return {c.locator: c for c in chunks}


def test_item_fields_with_heading_path_and_page():
    chunks = by_locator(read_chunks(STANDARD_PDF)[0])
    standard = chunks["五、老有所养 › （十三）养老助老服务 › 48.老年人福利补贴 › 服务标准"]
    assert standard.doc == STANDARD and standard.item == "48.老年人福利补贴" and standard.field == "服务标准"
    assert (standard.page_start, standard.page_end) == (37, 38)
    assert "90周岁（含90周岁）至99周岁的老年人每人每月补贴120元" in standard.text
    # a field that continues onto the next page is one chunk
    assert standard.text.endswith("按照就高的原则，不重复享受。")
    lead = chunks["五、老有所养 › （十三）养老助老服务 › 48.老年人福利补贴 › 牵头负责单位"]
    assert lead.text == "自治区民政厅。"


def test_every_numbered_item_and_its_fields_are_found():
    chunks = read_chunks(STANDARD_PDF)[0]
    items = {c.item for c in chunks if c.item}
    assert len(items) == 80
    assert {int(i.split(".")[0]) for i in items} == set(range(1, 81))
    fields = {(c.item, c.field) for c in chunks if c.item}
    assert all((item, "服务对象") in fields for item in items if not item.startswith("56."))
    # item 56 has two parts, each with its own fields
    assert {c.path[-1] for c in chunks if c.item.startswith("56.")} == {"城乡医疗救助", "疾病应急救助"}


def test_notice_and_attachment_are_separate_documents():
    chunks = read_chunks(STANDARD_PDF)[0]
    docs = [c.doc for c in chunks]
    assert docs[0] == "关于印发《自治区基本公共服务标准（2021年版）》的通知"
    assert set(docs) == {docs[0], STANDARD}
    notice = by_locator(c for c in chunks if c.doc == docs[0])
    assert notice["一、严格按标执行"].page_start == 2
    assert not any("....." in c.text for c in chunks)  # the table of contents is not content


def test_text_loader_reads_seed_into_same_items():
    from_pdf = {(c.item, c.field) for c in read_chunks(STANDARD_PDF)[0] if c.item}
    from_txt = read_chunks(STANDARD_TXT)[0]
    assert {(c.item, c.field) for c in from_txt if c.item} == from_pdf
    assert all(c.page_start is None for c in from_txt)
    articles = {c.doc for c in read_chunks(FISCAL_TXT)[0]}
    assert {a.replace(" ", "") for a in articles} == {ARTICLE_A, ARTICLE_B}


def test_misplaced_last_page_is_cited_under_its_own_article():
    chunks = read_chunks(FISCAL_PDF)[0]
    dibao = next(c for c in chunks if "每人每月712元" in c.text)
    assert dibao.doc == ARTICLE_A
    # under the run-in point the page break cut off before the moved page, its end (众保障网。, printed in the other
    # article, the 众 at the break twice) rejoined, from the PDF and from the seed text alike
    assert dibao.locator == "健全经费保障机制，社会福利和救助制度更加完善 › 三是全面织牢困难群众保障网"
    assert any(c.point == "三是全面织牢困难群众保障网" for c in read_chunks(FISCAL_TXT)[0])
    assert dibao.page_start == 7 and "已归入本文" in dibao.note
    rural = next(c for c in chunks if "每人每年6816元" in c.text)
    assert rural.doc == ARTICLE_A and (rural.page_start, rural.page_end) == (7, 8)
    # the second article keeps its own text up to where it is cut off
    policy = next(c for c in chunks if "研究制定《自治区财政衔接推进乡村振兴补助资金管理办法》" in c.text)
    assert policy.doc == ARTICLE_B and policy.page_start == 7


def test_long_paragraphs_are_cut_at_sentence_ends():
    chunks = [c for c in read_chunks(FISCAL_PDF)[0] if not c.field]
    assert all(len(c.text) <= 400 for c in chunks)
    # every window ends a sentence, except where the source itself breaks off
    ends = [c.text for c in chunks if c.text[-1] not in "。；”□"]
    assert [e.split("。")[-1] for e in ends] == ["三是全面织牢困难群众", "□\n责任编辑陈璐萌"]


def test_run_in_points_are_cited_and_split_passages():
    """一是…。二是…。 inside a report paragraph are its points: a passage begins at each, is cited under it (not
    searched by it), and a point runs on over the paragraphs after it until the next point or heading."""
    chunks = [c for c in read_chunks(FISCAL_PDF)[0] if c.doc == ARTICLE_A]
    points = {c.point for c in chunks if c.point}
    assert {"三是待遇水平稳步提高", "四是基本医疗保障体系进一步完善", "二是生育支持政策体系持续完善"} <= points
    pension = next(c for c in chunks if "基础养老金月最低标准达到195元" in c.text)
    assert pension.locator == "社会保障制度改革取得较大进展，待遇保障水平持续提高 › 三是待遇水平稳步提高"
    assert pension.text.startswith("三是待遇水平稳步提高。") and "三是" not in pension.search_text.split("：")[0]
    # the point runs on past its first passage (the paragraph broken by a page, 配合医保部门…)
    later = next(c for c in chunks if c.text.startswith("配合医保部门加大医保基金监管力度"))
    assert later.point == "四是基本医疗保障体系进一步完善"
    # a heading ends the point; the article's first paragraphs are under none
    assert all(not c.point for c in chunks if c.locator.startswith("财政投入持续增加"))
