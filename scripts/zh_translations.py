"""Chinese translations (``translations.zh``) of the example and template models, by file name.

Each entry maps a part of a model to the fields of its Chinese translation:
``model``, ``source``, ``published``, ``ecosystem`` (the part itself);
``criteria``, ``clusters``, ``nodes``, ``populations``, ``members`` (by id);
``relations`` (an ecosystem relation's English label to its Chinese label);
``notes`` (a comparison's English note to its Chinese note, from
:mod:`scripts.zh_notes`).
:func:`with_zh` wraps a builder of :mod:`scripts.write_examples` or
:mod:`scripts.write_templates` so the file it writes carries them; a
translation already in the builder is kept and completed (its fields win
only where this table gives none). Terms follow Chinese ANP/AHP writing:
元素组 (cluster), 控制准则 (control criterion), 备选方案 (alternatives),
判断矩阵 (pairwise comparison matrix), 超矩阵 (supermatrix).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from scripts.zh_notes import NOTES_ZH

Builder = Callable[[], dict[str, Any]]

EXAMPLES_ZH: dict[str, dict[str, Any]] = {
    "saaty_drinks.json": {
        "model": {
            "name": "在美国哪种饮料的消费量更大？（Saaty 2008）",
            "description": "一个判断矩阵本身就是一个完整的 AHP：一个问题节点对七种饮料两两比较，判断一种饮料比另一种多喝多少，判断矩阵的特征向量就估计出各自的份额。Saaty 用这个例子说明判断可以还原可测量的数量（他导出的优先级与消费统计数据很接近）。要点：主特征向量；一致性比率取决于所用的 RI 表（用 Saaty 的表为 0.022，用 Super Decisions 的表为 0.021）；饮料是汇点（不指向任何元素）。“论文核对”页面把计算出的优先级与发表的数值相比较。",
        },
        "source": {
            "notes": "判断按原文发表的数值录入（据 Saaty，来自一位答卷人）。这里没有任何重构。",
        },
        "published": {
            "table": "各饮料的导出优先级",
            "notes": "优先级印出三位小数；印出的一致性比率为 0.022（Saaty 的 RI 表）。",
        },
        "criteria": {
            "consumption": {
                "name": "相对消费量",
                "description": "在美国，一种饮料的消费量比另一种多多少。",
            },
        },
        "clusters": {
            "question": {
                "name": "问题",
                "description": "饮料据以两两比较的节点。",
            },
            "drinks": {
                "name": "饮料",
                "description": "Saaty 例子中的七种饮料。",
            },
        },
        "nodes": {
            "drink_question": {
                "name": "在美国哪种饮料的消费量更大？",
            },
            "coffee": {
                "name": "咖啡",
            },
            "wine": {
                "name": "葡萄酒",
            },
            "tea": {
                "name": "茶",
            },
            "beer": {
                "name": "啤酒",
            },
            "sodas": {
                "name": "汽水",
            },
            "milk": {
                "name": "牛奶",
            },
            "water": {
                "name": "水",
            },
        },
    },
    "saaty_best_city.json": {
        "model": {
            "name": "最佳居住城市：以城市为汇点的层次结构（Saaty 2005）",
            "description": "一个用网络形式写出的经典 AHP 层次结构：目标指向五个准则，每个准则指向四个城市，城市不指向任何元素（汇点：它们在超矩阵中的列为零）。超矩阵无环，因此其极限就是层次结构公式（各次幂之和的归一化，与 Super Decisions 的算法相同）。要点：AHP 是没有反馈的 ANP 的特例；极限矩阵中目标所在的列就是 AHP 综合结果（Saaty 发表的优先级），而仪表板按极限矩阵各行之和归一化后排序（Super Decisions 和 pyanp 的规则），这也计入了每个准则自身的列，因此两者不同（“论文核对”页面显示相差多少）。",
        },
        "source": {
            "notes": "判断按原文发表的数值录入，没有任何重构。发表的数值是 AHP 综合结果，即极限矩阵中目标所在的列，因此本模型从目标所在的列读取优先级（settings.priorities = sources）；默认的读法（极限矩阵的行和）还会计入每个准则自身的列。",
        },
        "published": {
            "table": "各城市的总体优先级",
            "notes": "AHP（分配模式）综合结果，保留三位小数：极限矩阵中目标所在的列，只取城市部分。仪表板排序用的是极限矩阵各行之和的归一化值，因此核对页面显示两种读法之间的差异。",
        },
        "criteria": {
            "quality_of_life": {
                "name": "生活质量",
                "description": "一个家庭更愿意住在哪里。",
            },
        },
        "clusters": {
            "goal": {
                "name": "目标",
            },
            "criteria": {
                "name": "准则",
            },
            "cities": {
                "name": "城市",
                "description": "备选方案（汇点）。",
            },
        },
        "nodes": {
            "goal_city": {
                "name": "最佳居住城市",
            },
            "culture": {
                "name": "文化",
            },
            "family": {
                "name": "家庭",
            },
            "housing": {
                "name": "住房",
            },
            "jobs": {
                "name": "就业",
            },
            "transportation": {
                "name": "交通",
            },
            "bethesda": {
                "name": "贝塞斯达",
            },
            "boston": {
                "name": "波士顿",
            },
            "pittsburgh": {
                "name": "匹兹堡",
            },
            "santa_fe": {
                "name": "圣菲",
            },
        },
    },
    "coffee_feedback.json": {
        "model": {
            "name": "咖啡店、顾客与品质：收敛缓慢的反馈",
            "description": "三家咖啡店争夺三类顾客；咖啡店、顾客和品质相互影响（元素组之间的反馈），顾客之间还通过口碑相互影响（内部依赖）。加权超矩阵的秩不为一，其第二特征值的模约为 0.81，因此它的各次幂要经过几十步、一路振荡才能稳定下来：请在“超矩阵”页面查看收敛图。有一个判断矩阵（就口味比较各咖啡店）故意不一致（CR 0.13），好让一致性修正列表有内容可显示。",
        },
        "source": {
            "notes": "为教学编造的示例性判断；没有真实的店铺或调查。",
        },
        "criteria": {
            "market_share": {
                "name": "市场份额",
                "description": "哪家店赢得最多的顾客。",
            },
        },
        "clusters": {
            "shops": {
                "name": "咖啡店",
                "description": "备选方案。",
            },
            "customers": {
                "name": "顾客",
                "description": "谁买咖啡。",
            },
            "qualities": {
                "name": "品质",
                "description": "咖啡店靠什么竞争。",
            },
        },
        "nodes": {
            "campus_cafe": {
                "name": "校园咖啡馆",
            },
            "high_street_chain": {
                "name": "商业街连锁店",
            },
            "station_kiosk": {
                "name": "车站售货亭",
            },
            "students": {
                "name": "学生",
            },
            "office_workers": {
                "name": "上班族",
            },
            "commuters": {
                "name": "通勤者",
            },
            "price": {
                "name": "价格",
            },
            "taste": {
                "name": "口味",
            },
            "convenience": {
                "name": "便利",
            },
        },
    },
    "two_markets_reducible.json": {
        "model": {
            "name": "两个互不往来的市场：一个可约网络",
            "description": "北方内部的影响留在北方，南方内部的影响留在南方；出口商 A 在北方销售，出口商 B 在南方销售，两者彼此交易。超矩阵是可约的：北方和南方是两个闭类，出口商是暂态的。其极限不是同一个向量的重复：北方的列最终成为北方自己的平稳向量，南方的列成为南方的平稳向量，而每个出口商的列按各自的比例（其影响被吸收的去处）混合这两者。计算引擎分别求解每个闭类和吸收概率，而不是迭代；“超矩阵”页面显示这些不同的列。",
        },
        "source": {
            "notes": "为教学编造的示例性判断。",
        },
        "criteria": {
            "influence": {
                "name": "影响力",
                "description": "从长远看，谁最终掌握影响力。",
            },
        },
        "clusters": {
            "north": {
                "name": "北方市场",
                "description": "一个闭类：只与自身相连。",
            },
            "south": {
                "name": "南方市场",
                "description": "一个闭类：只与自身相连。",
            },
            "exporters": {
                "name": "出口商",
                "description": "暂态：各自在一个市场销售，并与另一方交易。",
            },
        },
        "nodes": {
            "north_factory": {
                "name": "北方：工厂",
            },
            "north_shop": {
                "name": "北方：商店",
            },
            "south_factory": {
                "name": "南方：工厂",
            },
            "south_shop": {
                "name": "南方：商店",
            },
            "exporter_a": {
                "name": "出口商 A",
            },
            "exporter_b": {
                "name": "出口商 B",
            },
        },
    },
    "supply_cycle_periodic.json": {
        "model": {
            "name": "供应商、制造商、零售商：一个周期性网络",
            "description": "订单沿一个环流动：供应商影响制造商，制造商影响零售商，零售商影响供应商，此外没有别的影响。超矩阵不可约但有周期，周期为 3：它的各次幂永不收敛（每乘一次幂，全部权重就移到下一个元素组；收敛图保持平直），因此极限取连续三次幂的切萨罗（Cesàro）平均，也就是平稳向量（每个元素组各占三分之一的权重）。切勿把一个振荡中的幂当作答案。",
        },
        "source": {
            "notes": "为教学编造的示例性判断。",
        },
        "criteria": {
            "orders": {
                "name": "订单",
                "description": "订单流集中在哪里。",
            },
        },
        "clusters": {
            "suppliers": {
                "name": "供应商",
            },
            "makers": {
                "name": "制造商",
            },
            "retailers": {
                "name": "零售商",
            },
        },
        "nodes": {
            "supplier_1": {
                "name": "供应商 1",
            },
            "supplier_2": {
                "name": "供应商 2",
            },
            "maker_1": {
                "name": "制造商 1",
            },
            "maker_2": {
                "name": "制造商 2",
            },
            "online_shop": {
                "name": "网店",
            },
            "supermarket": {
                "name": "超市",
            },
            "corner_store": {
                "name": "街角小店",
            },
        },
    },
    "logistics_three_criteria.json": {
        "model": {
            "description": "三个控制准则，每个准则在同一组节点上有各自类型的网络：在经济环境下，各因素针对整个准则只比较一次（缺少一个判断，用 Harker 方法补全）；在技术环境下，每种模式按自己的方式对各因素加权，且各因素相互依赖（节点层面的反馈）；在政治环境下，各模式是汇点（不指向任何元素）。综合结果按准则权重对三个极限结果加权。每个名称都有中文翻译（把语言切换为中文即可）。",
        },
        "source": {
            "notes": "为教学编造的示例性判断。这些模式是种子论文 003 第 3 节所列模式中的三种（邮政小包、国际快递、海外仓）。",
        },
        "criteria": {
            "economic": {
                "description": "成本、汇率、需求。",
            },
            "technological": {
                "description": "物流与通关技术。",
            },
            "political": {
                "description": "关税壁垒与贸易政策。",
            },
        },
        "clusters": {
            "modes": {
                "description": "备选方案。",
            },
            "factors": {
                "description": "评判一种模式所依据的方面。",
            },
        },
    },
}

TEMPLATES_ZH: dict[str, dict[str, Any]] = {
    "alternative_markets_002.json": {
        "model": {
            "name": "关税背景下的替代出口市场（模板，依据种子论文 002 与 000）",
            "description": "美国提高关税时，跨境电商出口企业应开拓哪个出口市场？四个市场（论文 002 的三个“一带一路”市场板块和论文 000 的美国市场），对照论文 002 认为显著的各项因素，并包含 002 所描述的相互依赖（支付、物流、网购和平台都依托数字基础设施；物流依托通关），以及每个市场对驱动它的因素的反馈。仅为示例：两篇论文都没有发表判断；每个数值都是本项目对一段引文的解读（见说明）。请修改它们。",
        },
        "source": {
            "notes": "示例性模板：论文没有发表判断。分档规则（本项目的规则）：引文称为强或决定性的元素比中性元素高一档，称为弱或起限制作用的元素低一档；档差为 0、1、2 时判断值分别为 1、3、5。论文未提及的元素为中性，因此同等重要。以下建模选择属于本项目而非论文：一个控制准则（002 研究的是一个结果，即出口规模，不支持控制层）；美国市场作为第四个备选方案（来自 000，002 未讨论）；市场准入和关税作为两个节点（002 将二者分开列出）；每个市场对各因素的反馈；元素组权重；每个判断的大小。",
        },
        "criteria": {
            "export_potential": {
                "name": "出口潜力",
                "description": "中国跨境电商对某一市场的出口规模，即论文 002 所解释的结果（002，摘要）。",
            },
        },
        "clusters": {
            "markets": {
                "name": "市场",
                "description": "备选方案（002，2.2；000，1 与 4.2.1）。",
            },
            "infrastructure": {
                "name": "基础设施与市场因素",
                "description": "“显著影响出口规模”的因素（002，摘要；3.1–3.3）。",
            },
            "institutional": {
                "name": "制度因素",
                "description": "“沿线国家电商平台发展水平、市场准入门槛、关税政策等制度因素”（002，摘要）。",
            },
        },
        "nodes": {
            "asean": {
                "name": "东盟（十国）",
                "description": "三个“一带一路”市场板块之一（002，2.2）；RCEP 成员（000，4.2.1）。",
            },
            "central_asia": {
                "name": "中亚（五国）",
                "description": "三个“一带一路”市场板块之一（002，2.2）。",
            },
            "cee": {
                "name": "中东欧",
                "description": "三个“一带一路”市场板块之一（002，2.2）。",
            },
            "us_market": {
                "name": "美国市场",
                "description": "受关税升级冲击的传统市场（000，1），也是备选市场要减少依赖的市场（000，4.2.1）。",
            },
            "digital_infrastructure": {
                "name": "数字基础设施",
                "description": "互联网覆盖、数据中心、云服务（002，3.1）。",
            },
            "logistics_transport": {
                "name": "物流与运输",
                "description": "网络连通、仓储、时效、智慧物流（002，3.2）。",
            },
            "payment_settlement": {
                "name": "支付与结算",
                "description": "数字支付工具、跨境支付渠道、安全性（002，3.3）。",
            },
            "online_shopping": {
                "name": "网购渗透率",
                "description": "消费者网络购物的渗透率（002，摘要；2.2）。",
            },
            "platform_development": {
                "name": "电商平台发展",
                "description": "各国电商平台的发展水平（002，摘要）。",
            },
            "market_access": {
                "name": "市场准入门槛",
                "description": "市场准入门槛（002，摘要）；监管不确定性（000，4.2.1）。",
            },
            "tariff_policy": {
                "name": "关税政策",
                "description": "关税政策（002，摘要）；美国关税升级（000，1）。",
            },
        },
    },
    "operation_modes_004.json": {
        "model": {
            "name": "数字贸易背景下的运营模式选择（模板，依据种子论文 004）",
            "description": "哪种运营模式适合跨境电商企业：自营、平台、企业代理还是综合服务商（004，第 4 节）？各模式依据 004 第 3.1 节的外部问题（物流、国外法律法规、市场端需求）和数字贸易的三个维度（004，摘要）来评判，分别在 004 结论所概括的两种环境（政策与市场）下进行，每种环境对各因素有自己的权重。仅为示例：004 没有发表判断；每个数值都是本项目对一段引文的解读（见说明）。请修改它们。",
        },
        "source": {
            "notes": "示例性模板：004 没有发表判断。分档规则（本项目的规则）：引文称为强或决定性的元素比中性元素高一档，称为弱或起限制作用的元素低一档；档差为 0、1、2 时判断值分别为 1、3、5。论文未提及的元素为中性，因此同等重要。以下建模选择属于本项目而非论文：两个控制准则（来自 004 第 5 节的两段总结）及其相等的权重；各因素在每个准则下只比较一次，使每个节点都依赖于它们（内部依赖）；元素组权重；每个判断的大小。",
        },
        "criteria": {
            "policy_environment": {
                "name": "政策环境",
                "description": "“首先，从政策环境对跨境电商行业进行总结”（004，5）。",
            },
            "market_environment": {
                "name": "市场环境",
                "description": "“其次，从市场环境对跨境电商行业进行总结”（004，5）。",
            },
        },
        "clusters": {
            "modes": {
                "name": "运营模式",
                "description": "备选方案（004，4.1–4.4）。",
            },
            "external_problems": {
                "name": "外部问题",
                "description": "004，3.1。",
            },
            "digital_trade": {
                "name": "数字贸易维度",
                "description": "004，摘要。",
            },
        },
        "nodes": {
            "self_operated": {
                "name": "自营模式",
                "description": "统一采购、标准化生产、自建物流（004，4.1）。",
            },
            "platform_provided": {
                "name": "平台模式",
                "description": "平台只负责撮合买卖双方（004，4.2）。",
            },
            "enterprise_agent": {
                "name": "企业（代购代销）模式",
                "description": "代人采购和销售，在国外设有代理（004，4.3）。",
            },
            "integrated_service": {
                "name": "综合服务商模式",
                "description": "平台加上支付、跨国物流和产品升级（004，4.4）。",
            },
            "logistics_problems": {
                "name": "物流运输问题",
                "description": "成本高、运输时间长、海关查验（004，3.1.1）。",
            },
            "foreign_laws": {
                "name": "国外法律法规",
                "description": "各国法律法规不同且不断变化（004，3.1.2）。",
            },
            "market_side_demand": {
                "name": "市场端需求（本地化）",
                "description": "文化、习惯和偏好各不相同；本地化（004，3.1.3）。",
            },
            "digital_technology": {
                "name": "数字技术",
                "description": "数字贸易的一个维度（004，摘要）。",
            },
            "trade_platform": {
                "name": "跨境贸易平台",
                "description": "数字贸易的一个维度：跨境贸易平台（004，摘要）。",
            },
            "digital_operation": {
                "name": "数字化运营模式",
                "description": "数字贸易的一个维度：数字化运营模式（004，摘要）。",
            },
        },
    },
    "supply_chain_ecosystem_001.json": {
        "model": {
            "name": "产业带供应链生态系统：三个圈层与三种机制（模板，依据种子论文 001）",
            "description": "论文 001 的供应链生态系统：一个核心圈（产业带企业、跨境电商企业和平台），一个为其提供支撑、由六个平台组成的次核心服务圈，以及一个外围环境圈（生产环境、法律环境和创新环境），由三种机制（利益分配、信息共享、共生发展）维持稳定，这些机制作用于把企业联系在一起的四种流。“生态系统”页面绘出各圈层（外围圈画作环境带）；网络在每种外围环境下对各种流和机制进行加权。仅为示例：001 没有发表判断；每个数值都是本项目对一段引文的解读。",
        },
        "source": {
            "notes": "示例性模板：001 既没有发表判断，也没有给出网络。分档规则（本项目的规则）：引文称为强或决定性的元素比中性元素高一档，称为弱或起限制作用的元素低一档；档差为 0、1、2 时判断值分别为 1、3、5。论文未提及的元素为中性，因此同等重要。以下建模选择属于本项目而非论文：把外围圈的三种环境作为控制准则，权重相等；把各种流和机制作为网络（圈层的成员只绘出，不参与加权）；流与机制之间的联系依据引文确定；元素组权重；每个判断的大小。001 的圈层按论文 000 的种群角色绘制（核心圈作为关键种群，服务圈作为支持种群）：这种对应关系不是 001 给出的。",
        },
        "ecosystem": {
            "title": "产业带与跨境电商的供应链生态系统（种子论文 001，图 1）",
        },
        "criteria": {
            "production_environment": {
                "name": "生产环境",
                "description": "外围圈（001，3.1，3.2.3）。",
            },
            "legal_environment": {
                "name": "法律环境",
                "description": "外围圈（001，3.1，3.2.3）。",
            },
            "innovation_environment": {
                "name": "创新环境",
                "description": "外围圈（001，3.1，3.2.3）。",
            },
        },
        "clusters": {
            "flows": {
                "name": "流",
                "description": "“技术流、信息流、资金流和物流”（001，4）。",
            },
            "mechanisms": {
                "name": "稳定机制",
                "description": "“供应链生态系统的稳定运行需要以下三种机制”（001，4）。",
            },
        },
        "nodes": {
            "technology_flow": {
                "name": "技术流",
                "description": "001，4 及图 3。",
            },
            "information_flow": {
                "name": "信息流",
                "description": "001，4 及图 3。",
            },
            "capital_flow": {
                "name": "资金流",
                "description": "001，4 及图 3。",
            },
            "logistics_flow": {
                "name": "物流",
                "description": "001，4 及图 3：货物的流动。",
            },
            "benefit_distribution": {
                "name": "利益分配机制",
                "description": "001，4.1。",
            },
            "information_sharing": {
                "name": "信息共享机制",
                "description": "001，4.2。",
            },
            "symbiotic_development": {
                "name": "共生发展机制",
                "description": "001，4.3。",
            },
        },
        "populations": {
            "core_circle": {
                "name": "核心圈",
                "description": "产业带企业与跨境电商企业“构成供应链生态系统的核心圈，二者优势互补”（001，3.1）。",
            },
            "sub_core_sphere": {
                "name": "次核心服务圈",
                "description": "“次核心圈主要由各类服务主体构成，为核心圈的发展提供支撑”（001，3.2.2）：六个平台。",
            },
        },
        "members": {
            "belt_enterprises": {
                "name": "产业带企业",
                "description": "提供丰富而优质产品的制造商、生产商和供应商（001，3.2.1）。",
            },
            "cbec_enterprises": {
                "name": "跨境电商企业",
                "description": "处于中游：上连供应商，下接海外消费者（001，3.2.1）。",
            },
            "cbec_platforms_001": {
                "name": "跨境电商平台",
                "description": "位于核心圈（001，3.2.1）。",
            },
            "logistics_platform": {
                "name": "物流平台",
                "description": "公路、航空和海上运输；海外仓和保税区（001，3.2.2）。",
            },
            "financial_platform": {
                "name": "金融平台",
                "description": "支付结算、融资、信用评估（001，3.2.2）。",
            },
            "government_platform": {
                "name": "政府平台",
                "description": "政策支持和法律法规：制度保障（001，3.2.2）。",
            },
            "department_platform": {
                "name": "部门平台（海关）",
                "description": "通关、结汇、库存管理（001，3.2.2）。",
            },
            "technology_platform": {
                "name": "技术平台",
                "description": "大数据、云计算、区块链：智能化支撑（001，3.2.2）。",
            },
            "universities_research": {
                "name": "高校与科研机构",
                "description": "合作研发、人才培养（001，3.2.2）。",
            },
        },
        "relations": {
            "support the development of the core circle (001, 3.1)": "支撑核心圈的发展（001，3.1）",
            "production suggestions from big data (001, 3.2.1)": "基于大数据的生产建议（001，3.2.1）",
            "transport, overseas warehouses (001, 3.2.2)": "运输、海外仓（001，3.2.2）",
            "stability of the capital flow (001, 3.2.2)": "资金流的稳定（001，3.2.2）",
            "customs clearance (001, 3.2.2)": "通关（001，3.2.2）",
            "data summarised for decisions (001, 3.2.2)": "为决策汇总数据（001，3.2.2）",
            "research and talent (001, 3.2.2)": "科研与人才（001，3.2.2）",
            "institutional basis (001, 3.2.2)": "制度基础（001，3.2.2）",
            "core enterprises develop it (001, 4.1)": "由核心企业建立（001，4.1）",
            "core enterprises keep in touch (001, 4.2)": "核心企业保持联系（001，4.2）",
            "every enterprise's life cycle (001, 4.3)": "每个企业的生命周期（001，4.3）",
            "green production (001, 3.2.3)": "绿色生产（001，3.2.3）",
            "exchange with the outer circle (001, 3.2.3)": "与外围圈的交流（001，3.2.3）",
        },
    },
}


def _put(item: dict[str, Any], zh: Mapping[str, Any] | None, *, at_end: bool = False) -> dict[str, Any]:
    """Return ``item`` with ``zh`` merged into its ``translations.zh`` (placed after its description or name)."""
    if not zh:
        return item
    if "translations" in item or at_end:
        translations = dict(item.get("translations", {}))
        translations["zh"] = {**translations.get("zh", {}), **zh}
        return {**item, "translations": translations}
    anchor = "description" if "description" in item else "name"
    out: dict[str, Any] = {}
    for key, value in item.items():
        out[key] = value
        if key == anchor:
            out["translations"] = {"zh": dict(zh)}
    return out


def add_zh(model: dict[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    """Return the model dict ``model`` with the Chinese translations of ``spec`` (see the module docstring).

    Raises ``KeyError`` naming an id of ``spec`` the model does not have.
    """
    used: set[tuple[str, str]] = set()

    def take(kind: str, item_id: str) -> Any:
        found = spec.get(kind, {}).get(item_id)
        if found is not None:
            used.add((kind, item_id))
        return found

    out = _put(model, spec.get("model"))
    for part in ("source", "published"):
        if part in spec:
            out[part] = _put(out[part], spec[part], at_end=True)
    out["criteria"] = [_put(c, take("criteria", c["id"])) for c in out["criteria"]]
    out["clusters"] = [
        {
            **_put(cl, take("clusters", cl["id"])),
            "nodes": [_put(n, take("nodes", n["id"])) for n in cl["nodes"]],
        }
        for cl in out["clusters"]
    ]
    if "ecosystem" in out:
        eco = _put(out["ecosystem"], spec.get("ecosystem"), at_end=True)
        pops = []
        for p in eco.get("populations", []):
            p = _put(p, take("populations", p["id"]))
            if "members" in p:
                p = {**p, "members": [_put(m, take("members", m["id"])) for m in p["members"]]}
            pops.append(p)
        if "populations" in eco:
            eco["populations"] = pops
        labels = spec.get("relations", {})
        if "relations" in eco:
            eco["relations"] = [
                _put(r, {"label": labels[r["label"]]}, at_end=True) if r.get("label") in labels else r
                for r in eco["relations"]
            ]
        out["ecosystem"] = eco
    notes = spec.get("notes", {})
    noted = set()

    def note(comparison: dict[str, Any]) -> dict[str, Any]:
        zh = notes.get(comparison.get("note"))
        if zh is None:
            return comparison
        noted.add(comparison["note"])
        return _put(comparison, {"note": zh}, at_end=True)

    if "criteria_comparison" in out:
        out["criteria_comparison"] = note(out["criteria_comparison"])
    if "comparisons" in out:
        out["comparisons"] = [note(c) for c in out["comparisons"]]
    unused = [
        f"{kind} {item_id}"
        for kind in ("criteria", "clusters", "nodes", "populations", "members")
        for item_id in spec.get(kind, {})
        if (kind, item_id) not in used
    ] + [f"note {en!r}" for en in notes if en not in noted]
    if unused:
        raise KeyError(f"translations for ids the model does not have: {', '.join(unused)}")
    return out


def with_zh(builders: Mapping[str, Builder], specs: Mapping[str, Mapping[str, Any]]) -> dict[str, Builder]:
    """Return ``builders`` (file name -> builder) with each builder's model given its Chinese translations.

    The comparison notes of :data:`scripts.zh_notes.NOTES_ZH` join each file's ``specs`` entry.
    """

    def wrap(build: Builder, spec: Mapping[str, Any]) -> Builder:
        return lambda: add_zh(build(), spec)

    full = {
        name: {**specs.get(name, {}), **({"notes": NOTES_ZH[name]} if name in NOTES_ZH else {})}
        for name in builders
    }
    return {name: wrap(build, full[name]) if full[name] else build for name, build in builders.items()}
