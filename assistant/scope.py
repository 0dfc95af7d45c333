"""What the documents cover: a question about another province, or about a topic the documents never
mention, is declined before any search, so a look-alike clause is never passed off as its answer.

Dense scores cannot tell these apart (a question about 公积金 lands near 公租房 with the same score as
a real question), so the topics people often ask a hotline about that lie outside these documents are
named here. A topic is declined only while no passage of the index mentions the words the user used.
"""
from __future__ import annotations

import re
from collections.abc import Callable

# The documents are Xinjiang's; a question about another province's policy is out of scope.
ELSEWHERE = re.compile(
    "北京|天津|上海|重庆|河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|"
    "四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|香港|澳门|台湾|深圳|广州|杭州|南京|武汉|成都|西安|兰州|西宁|银川|郑州|长沙"
)
# Public-service topics outside these documents: what the answer calls them, and the words people use.
TOPICS = [
    ("个人所得税", r"个税|个人所得税|所得税|起征点|专项附加扣除"),
    ("住房公积金", r"公积金"),
    ("驾驶证和车辆", r"驾照|驾驶证|驾校|违章|交通罚款|车险|车辆年检"),
    ("户口和证件办理", r"上户口|落户|户口本|迁户口|办户口|户口迁移|身份证|护照|港澳通行证|签证"),
    ("婚假、年假等假期", r"婚假|陪产假|护理假|育儿假|丧假|年假|年休假|病假|探亲假"),
    ("婚姻登记", r"结婚证|结婚登记|离婚证|彩礼"),
    ("狂犬病疫苗", r"狂犬"),
    ("农牧业补贴", r"草原|草场|草畜|禁牧|耕地|地力补贴|种粮|农机|粮食补贴|退耕还林|护林员"),
    ("助学贷款", r"助学贷款|生源地"),
    ("丧葬补助", r"丧葬"),
    ("升学考试", r"高考|中考|分数线|考研|志愿填报"),
    ("水电燃气费用", r"电费|水费|燃气费|天然气费|物业费"),
    ("工商税务", r"营业执照|注册公司|开发票|报税"),
    ("育儿补贴", r"育儿补贴|育儿津贴"),
]


def outside(question: str, used_by_corpus: Callable[[str], bool]) -> str:
    """Why the documents cannot answer this question ("" when they may): another province, or an uncovered topic."""
    if (place := ELSEWHERE.search(question)) and "新疆" not in question:
        return f"抱歉，我只能解答新疆维吾尔自治区的政策文件，没有{place.group()}的相关规定。请咨询当地政务服务热线12345。"
    for name, pattern in TOPICS:
        if (said := re.search(pattern, question)) and not used_by_corpus(said.group()):
            return (f"抱歉，现有的政策文件没有涉及{name}（{said.group()}）的规定，我不能凭猜测回答。"
                    f"请拨打12345政务服务热线咨询。")
    return ""
