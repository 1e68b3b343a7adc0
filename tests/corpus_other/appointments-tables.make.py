"""Lay out held-out set 32 (appointments-tables.txt) as `pdftotext -layout` prints a compiled
gazette of district and county documents: A4 pages of 28 cells a line, titles centred,
paragraphs indented, signatures right-aligned, a task table with space-separated cells that wrap
inside their column, a running head and a page number at each page's edge, a form feed before
every page after the first.

The words are the stored pages' (see appointments-tables.sources.md); this script only breaks
them into printed lines and pages. Run from the repository root:

    python3 tests/corpus_other/appointments-tables.make.py
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

WIDTH = 56          # columns of a printed line: 28 full-width cells
PAGE_LINES = 36     # body lines of a page, between the head and the foot
NO_START = set("，。、；：？！）》」』”’%）〕】…·")  # 禁则: never at the start of a line
NO_END = set("（《「『“‘〔【")                   # never at the end of a line

HEAD_ODD = " " * 22 + "区县政府文件选编　　2025年第3期"
HEAD_EVEN = "2025年第3期　　区县政府文件选编"


def cols(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def wrap(text: str, indent: int = 4) -> list[str]:
    """Break a paragraph into printed lines; the first line indented by `indent` columns."""
    lines: list[str] = []
    cur, width = " " * indent, indent
    for i, c in enumerate(text):
        w = cols(c)
        if width + w > WIDTH and c not in NO_START and not (cur and cur[-1] in NO_END):
            lines.append(cur)
            cur, width = "", 0
        cur += c
        width += w
    if cur.strip():
        lines.append(cur)
    return lines


def centre(text: str) -> str:
    return " " * max(0, (WIDTH - cols(text)) // 2) + text


def right(text: str, margin: int = 4) -> str:
    return " " * max(0, WIDTH - margin - cols(text)) + text


def table(header: list[str], rows: list[list[str]], widths: list[int]) -> list[str]:
    """Cells at fixed columns, each wrapping inside its own width (as -layout prints a ruled table)."""
    out = []
    for cells in [header] + rows:
        pieces = []
        for cell, w in zip(cells, widths):
            chunks, cur = [], ""
            for c in cell:
                if cols(cur + c) > w - 2 and c not in NO_START:
                    chunks.append(cur)
                    cur = ""
                cur += c
            chunks.append(cur)
            pieces.append(chunks)
        for k in range(max(len(p) for p in pieces)):
            line = ""
            for p, w in zip(pieces, widths):
                frag = p[k] if k < len(p) else ""
                line += frag + " " * (w - cols(frag))
            out.append(line.rstrip())
    return out


P, T, C, R, B, RAW = "p", "t", "c", "r", "b", "raw"  # paragraph, title line, centred, right, blank, lines


DOCS: list[list[tuple]] = [
    # 1. 蔡甸区人民政府办公室 (武汉市), 蔡政办〔2023〕1号: the 方案's first targets as a table
    [
        (C, "区人民政府办公室关于印发2023年区"),
        (C, "《政府工作报告》确定的主要目标任务"),
        (C, "责任分解方案的通知"),
        (C, "蔡政办〔2023〕1号"),
        (B,),
        (P, "各街道办事处、乡人民政府，区人民政府各部门、各直属机构：", 0),
        (P, "2023年《区〈政府工作报告〉确定的主要目标任务责任分解方案》已报经区人民政府同意，现印发给你们，并就有关事项通知如下："),
        (P, "一、各责任单位要高度重视，切实加强领导，对照2023年区《政府工作报告》确定的目标任务，制订工作方案，明确责任，明确措施，明确时间节点，狠抓落实，并于2023年1月15日前将工作方案报区人民政府办公室。"),
        (P, "二、区绩效考评机构要将2023年区《政府工作报告》确定的重要目标任务，纳入绩效管理考核范围，细化考核内容，加强过程考核，确保各项工作落到实处。"),
        (P, "三、从2023年第一季度开始，各责任单位要在每季度最后一个月的30日前将本季度落实各项工作目标任务进展情况报区人民政府办公室，区人民政府办公室将对各项工作目标任务的落实情况进行全程跟踪督办，并适时通报有关办理落实情况。"),
        (B,),
        (R, "蔡甸区人民政府办公室"),
        (R, "2023年1月3日", 8),
        (B,),
        (C, "2023年区《政府工作报告》确定的主要"),
        (C, "目标任务责任分解方案"),
        (B,),
        (P, "一、2023年全区经济社会发展的主要预期目标"),
        (RAW, table(["序号", "目标任务", "责任单位"],
                    [["（一）", "地区生产总值增长7%以上", "区发展和改革局"],
                     ["（二）", "规上工业增加值增长12%以上", "区科技和经信局"],
                     ["（三）", "固定资产投资增长10%以上", "区发展和改革局"]],
                    [8, 24, 18])),
    ],
    # 2. 下陆区人民政府 (黄石市): a 批复 with no 文号 and no signature
    [
        (C, "下陆区人民政府"),
        (C, "关于同意团结社区和老下陆社区整合的"),
        (C, "批　复"),
        (B,),
        (P, "新下陆街道办事处：", 0),
        (P, "街办《关于新街办社区优化整合的请示收悉。经区政府研究，根据有关规定，批复如下：同意将团结社区和老下陆社区整合，撤销老下陆社区建制，保留团结社区建制。社区四至范围：东起沿湖路张吾祥湾，西临东钢中路（怡园路），南靠黄荆山以北，北倚骆驼山。辖区面积2.8平方公里4363户常住人口11089人社区办公地址：团结社区党群服务中心（老下陆街35-1号"),
        (P, "请按照《中华人民共和国城市居民委员会组织法》等有关规定，配置好人员及设施，指导社区及时理顺关系，依法进行社区居民委员会选举，确保社区建设规范有序。"),
        (P, "此复。"),
        (B,),
        (R, "2021年4月13日", 8),
    ],
    # 3. 宁武县人民政府办公室 (忻州市), 宁政办发〔2020〕38号: a 预案, the 文号 above the title
    [
        (C, "宁政办发〔2020〕38号"),
        (B,),
        (C, "宁武县人民政府办公室"),
        (C, "关于印发宁武县防汛抗旱应急预案的"),
        (C, "通　知"),
        (B,),
        (P, "各乡（镇）人民政府，县人民政府各办、局，县直各有关单位：", 0),
        (P, "经县人民政府研究同意，现将修订后的《宁武县防汛抗旱应急预案》予以印发，请认真组织实施。2017年4月25日印发的《宁武县防汛抗旱应急预案》（宁政办发〔2017〕31号）同时废止。"),
        (B,),
        (R, "宁武县人民政府办公室"),
        (R, "2020年5月7日", 8),
        (B,),
        (C, "宁武县防汛抗旱应急预案"),
        (B,),
        (P, "1. 总则", 0),
        (P, "1.1 编制目的", 0),
        (P, "做好全县水旱灾害突发性事件的防范与处置，保证防汛抗旱抢险工作高效有序地进行，使水旱灾害处于可控状态，最大限度地减少人员伤亡和财产损失，保障经济社会全面、协调、可持续发展，特制定本预案。"),
        (P, "1.2 编制依据", 0),
        (P, "依据《中华人民共和国突发事件应对法》《中华人民共和国水法》《中华人民共和国防洪法》《中华人民共和国河道管理条例》《中华人民共和国抗旱条例》《山西省突发事件应对条例》《山西省防汛抗旱应急预案》《忻州市防汛抗旱应急预案》等有关法律、法规和条例等。"),
        (P, "1.3 工作原则", 0),
        (P, "1.3.1 防汛抗旱工作实行地方各级人民政府行政首长负责制，统一指挥，分级分部门负责。"),
        (P, "1.3.2 坚持依法防汛抗旱，实行公众参与，军民结合，专群结合，平战结合。中国人民解放军、中国人民武装警察部队主要承担防汛抗洪的急难险重等攻坚任务。"),
    ],
    # 4. 桂东县人民政府 (郴州市), 桂政通〔2017〕6号: a 通告 closed by its 印发 line, no date signed
    [
        (C, "桂政通〔2017〕6号"),
        (B,),
        (C, "桂东县人民政府"),
        (C, "关于禁止露天焚烧秸秆的通告"),
        (B,),
        (P, "为切实做好秸秆禁烧工作，改善城乡生态环境，防止引发火灾，维护公共安全，根据《中华人民共和国大气污染防治法》《湖南省人民政府办公厅关于印发〈湖南省大气污染防治专项行动方案（2016—2017年）〉的通知》（湘政办发〔2016〕33号）等规定，县人民政府决定在全县范围内禁止露天焚烧秸秆，现将有关事项通告如下："),
        (P, "一、本县行政区域内禁止任何单位和个人露天焚烧秸秆。"),
        (P, "二、本通告所称秸秆，是指对水稻、小麦、玉米、薯类、油料、棉花甘蔗等农作物收获籽实和其他有用成分后剩余的物质，包括田间地头杂草、林下附植物等。"),
        (P, "三、各乡镇人民政府负责所辖行政区的禁止露天焚烧秸秆工作，切实做好秸秆禁烧的宣传、巡查等工作，引导村民委员会制订禁止露天焚烧秸秆的村规民约，支持鼓励秸秆综合利用，并将责任落实到农户。"),
        (P, "四、环保、农业、林业等部门要开展联合执法，对违反本通告规定的，责令其停止焚烧行为；情节严重的，依法予以处罚。"),
        (P, "五、对禁烧措施不力、执法不严的乡镇、相关部门和责任人员，给予通报批评；造成严重后果的，依法依纪追究责任。"),
        (P, "六、阻碍国家机关工作人员依法执行秸杆禁烧管理公务的，由公安机关根据《中华人民共和国治安管理处罚法》予以处罚；构成犯罪的，依法追究刑事责任。本通告自发布之日起施行。"),
        (B,),
        (RAW, ["桂东县人民政府办公室" + " " * 12 + "2017年5月27日印发"]),
    ],
    # 5. 北京市大兴区人民政府办公室, 京兴政办发〔2023〕1号: title without issuer, tasks by label lines
    [
        (C, "关于印发《2023年区政府工作报告"),
        (C, "重点工作分工方案》的通知"),
        (C, "京兴政办发〔2023〕1号"),
        (B,),
        (P, "各镇人民政府，区政府各委、办、局（公司）、中心，各街道办事处：", 0),
        (P, "《2023年区政府工作报告重点工作分工方案》已经第24次区政府常务会、第39次区委常委会审议通过，现印发给你们，并就有关事项通知如下："),
        (P, "一、提高政治站位，强化担当意识。各部门、各单位要将落实好区政府工作报告重点工作作为一项重要政治任务，以强烈的责任感、使命感和紧迫感，早动员、早部署、早行动、早落实，确保既定任务目标按时保质保量完成。"),
        (P, "二、狠抓工作落实，确保任务完成。各部门、各单位要按照“细化、量化、项目化、具体化”的原则，将121项区政府重点工作进行分解，逐项制定落实方案，明确时间节点，完善机制流程，确保层层有人抓、事事有人管、件件能落实。"),
        (P, "三、强化沟通协作，形成工作合力。各部门、各单位要围绕121项区政府重点工作，建立定期会商机制，形成同频共振工作格局，及时研究解决工作中存在的困难和问题，保证各项工作稳妥有序推进。各主要责任单位要充分发挥牵头抓总作用，高效完成各项重要工作。"),
        (B,),
        (R, "北京市大兴区人民政府办公室"),
        (R, "2023年3月3日", 8),
        (B,),
        (C, "2023年区政府工作报告重点工作分工方案"),
        (C, "（共计121项）"),
        (B,),
        (P, "一、全区经济社会发展主要预期目标"),
        (P, "1.地区生产总值比上年增长4.5%以上。"),
        (P, "牵头领导：常务副区长"),
        (P, "主要责任单位：区发展改革委"),
    ],
    # 6. 鹿寨县防汛抗旱指挥部 (柳州市), 鹿防指字〔2019〕8号: a 版头 over two lines, then its 预案
    [
        (C, "鹿寨县防汛抗旱"),
        (C, "指 挥 部 文 件"),
        (B,),
        (C, "鹿防指字〔2019〕8号"),
        (B,),
        (C, "关于印发鹿寨县防汛抢险应急预案"),
        (C, "（2019年修订）的通知"),
        (B,),
        (P, "县防汛抗旱指挥部各成员单位，各有关单位：", 0),
        (P, "经县防汛抗旱指挥部同意，现将《鹿寨县防汛抢险应急预案（2019年修订）》印发给你们，请认真贯彻执行。"),
        (B,),
        (R, "鹿寨县防汛抗旱指挥部"),
        (R, "2019年6月10日", 8),
        (B,),
        (C, "鹿寨县防汛抢险应急预案"),
        (C, "（2019年修订）"),
        (B,),
        (P, "1 总则", 0),
        (P, "1.1 编制目的", 0),
        (P, "为有效应对可能发生的各种洪灾，保证抗洪抢险、救灾工作高效有序进行，最大限度地避免或减少灾害损失，保护人民群众生命财产安全，维护社会稳定，促进经济社会全面、协调、可持续发展，特编制本预案。"),
        (P, "1.2 编制依据", 0),
        (P, "依据《中华人民共和国水法》《中华人民共和国防洪法》《国家防汛抗旱应急预案》《柳州市突发公共事件总体应急预案》《鹿寨县突发公共事件总体应急预案》编制本预案。"),
        (P, "1.3 分类分级", 0),
        (P, "根据突发公共事件的发生过程、性质和机理，洪水灾害属自然灾害类。洪水灾害按照其性质、严重程度、可控性和影响范围等因素，一般分为四级：Ⅰ级（特别重大）、Ⅱ级（重大）、Ⅲ级（较大）、Ⅳ级（一般）。"),
        (P, "1.4 适用范围", 0),
        (P, "本预案适用于跨乡镇行政区划的，或超出事发地乡镇政府处置能力的，或需由县人民政府负责处置的洪水灾害应对工作。"),
    ],
]

# Where a document starts on a new page (the rest follow on the page they find, after two blank lines).
NEW_PAGE = {0, 2, 5}


def body_lines() -> list[str | None]:
    """Every printed line in order; None marks a forced page break."""
    out: list[str | None] = []
    for k, doc in enumerate(DOCS):
        if k in NEW_PAGE:
            out.append(None)
        elif k:
            out += ["", ""]
        for item in doc:
            kind = item[0]
            if kind == P:
                out += wrap(item[1], item[2] if len(item) > 2 else 4)
            elif kind == C:
                out.append(centre(item[1]))
            elif kind == R:
                out.append(right(item[1], item[2] if len(item) > 2 else 4))
            elif kind == B:
                out.append("")
            elif kind == RAW:
                out += item[1]
    return out


def pages(lines: list[str | None]) -> list[list[str]]:
    result: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        if line is None:
            if cur:
                result.append(cur)
            cur = []
            continue
        if len(cur) == PAGE_LINES:
            result.append(cur)
            cur = []
        if not cur and line == "":
            continue  # a page never begins with a blank line
        cur.append(line)
    if cur:
        result.append(cur)
    return result


def main() -> None:
    out = []
    for n, page in enumerate(pages(body_lines()), start=1):
        head = HEAD_ODD if n % 2 else HEAD_EVEN
        foot = right(f"— {n} —", 0) if n % 2 else f"— {n} —"
        body = page + [""] * (PAGE_LINES - len(page))
        out.append("\n".join([head, ""] + [b.rstrip() for b in body] + ["", foot]))
    text = "\n\f".join(out) + "\n"
    Path(__file__).with_name("appointments-tables.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
