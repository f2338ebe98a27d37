"""Rebuild data/models/cbec_trade_war.json from the published Table 2.

Paper 000 (Zhang, "Integrated development pathways of cross-border
e-commerce and characteristic industrial belts based on an ecosystem model")
publishes derived weights only. ANP_METHOD.md section 4 fixes how the bundled
model reconstructs judgments from them:

* criterion matrix: the consistent matrix ``v_i / v_j`` of the published
  criterion weights;
* under criterion k, with ``p_k`` the published column normalised to sum 1:
  cluster comparison (with respect to the criterion) = consistent matrix of the
  cluster sums of ``p_k``; within each cluster, the consistent matrix of
  ``p_k`` restricted to the cluster;
* natural geography (outside the paper's control layer) gets a network of
  equal judgments, labelled as such.

Run ``python -m scripts.reconstruct_paper_model`` from the repository root.
The descriptions are the paper's own words (sections 2.2 and 4.2).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

from anp_core.model_file import dump_model, load_model

ROOT = Path(__file__).resolve().parent.parent
TABLE2 = ROOT / "data" / "paper" / "table2.csv"
RECOMMENDATIONS = ROOT / "data" / "paper" / "recommendations.json"
OUT = ROOT / "data" / "models" / "cbec_trade_war.json"

CRITERIA = [
    {
        "id": "policy",
        "name": "Policy environment",
        "description": (
            "National policy orientations in cross-border e-commerce pilot zones, tax incentives, and "
            "customs clearance facilitation directly affect the level of support and the pathways for "
            "integrated development (000, 2.2.3)."
        ),
        "examples": [
            "Cross-border e-commerce pilot zone policies",
            "RCEP",
            "9810/9610 pilot programs",
        ],
    },
    {
        "id": "economic",
        "name": "Economic environment",
        "description": (
            "The structural characteristics of local economies and dynamic demands for industrial "
            "upgrading give rise to differentiated integration forms and priority areas (000, 2.2.3)."
        ),
        "examples": [
            "Industrial belt structure",
            "Exchange rates",
            "Global market demand",
        ],
    },
    {
        "id": "political",
        "name": "Political environment",
        "description": (
            "Especially tariff barriers and geopolitical risks under the trade war background, is "
            "becoming a key variable affecting the integration of cross-border e-commerce and industrial "
            "belts, directly impacting corporate costs and market layouts (000, 2.2.3)."
        ),
        "examples": ["Trade war", "Tariff barriers", "Geopolitical risks"],
    },
    {
        "id": "technological",
        "name": "Technological environment",
        "description": (
            "Rapid developments in payment technology, logistics technology, big data, and artificial "
            "intelligence improve transaction efficiency and drive industrial belts toward digital and "
            "intelligent transformation (000, 2.2.3)."
        ),
        "examples": ["Digital technology", "Smart logistics", "AI marketing"],
    },
    {
        "id": "socio_cultural",
        "name": "Socio-cultural environment",
        "description": (
            "Cross-cultural understanding, consumer preferences, and education levels subtly influence "
            "corporate overseas strategies and talent reserves (000, 2.2.3)."
        ),
        "examples": [
            "Cross-cultural communication",
            "Consumer habits",
            "Education level",
        ],
    },
    {
        "id": "natural_geography",
        "name": "Natural geography",
        "description": (
            "The natural geographical environment affects logistics costs and timeliness through "
            "geographical distance and port conditions (000, 2.2.3)."
        ),
        "examples": ["Distance to major markets", "Port conditions"],
        "excluded_reason": (
            '"Natural geographical environmental factors are immutable and thus excluded from the '
            'criterion layer of the network structure model" (000, 3.1). The paper publishes no '
            "judgments under it."
        ),
    },
]

CLUSTERS = {
    "credit_risk": (
        "Credit Risk Management",
        "Covers mechanisms such as government regulation, consumer complaint handling, platform "
        "supervision, and insurance protection. It effectively controls various risks in cross-border "
        "transactions and serves as the core safeguard for reducing transaction uncertainty (000, 2.2.2).",
    ),
    "platform_services": (
        "Platform Services",
        "Integrate comprehensive service platforms, public service platforms, and customs clearance "
        "service platforms, providing one-stop convenience for both buyers and sellers, and serving as a "
        "key carrier for improving transaction efficiency (000, 2.2.2).",
    ),
    "logistics": (
        "Cross-border Logistics",
        "Facilitates the cross-border flow of goods, involving logistics informatization, electronic "
        "customs clearance, overseas warehouses, reverse logistics, etc. It is an indispensable channel "
        "for achieving cross-border e-commerce operational goals (000, 2.2.2).",
    ),
    "payment": (
        "Cross-border Payment",
        "Promotes the free cross-border flow of funds, covering electronic payment, cross-border "
        "investment and financing, and RMB internationalization, which helps reduce transaction "
        "settlement time and enhance the vitality of small and medium-sized enterprises (000, 2.2.2).",
    ),
    "talent": (
        "Talent Cultivation",
        "Continuously supplies high-quality cross-border e-commerce talents to industrial belts through "
        "talent cultivation systems, innovation and entrepreneurship support systems, and talent service "
        "systems; the intellectual source for the sustainable development of the ecosystem (000, 2.2.2).",
    ),
    "marketing": (
        "International Online Marketing",
        "Focuses on product and brand building, marketing channel expansion, and market segmentation, "
        "helps manufacturing products go global and serves as the core means to enhance the brand "
        "influence and market competitiveness of the ecosystem (000, 2.2.2).",
    ),
}

FACTOR_NOTES = {
    "government_regulation": "Ranked first by the paper. 4.2.1: enhance information sharing among customs, "
    "taxation and foreign exchange authorities; establish real-time tariff warning and credit risk "
    "monitoring platforms. The political environment's conditional weight on it is the highest (3.2).",
    "consumer_complaints": "4.2.1: establish a rapid consumer complaint response mechanism to safeguard "
    "brand reputation.",
    "platform_supervision": "4.2.1: guide enterprises to standardize platform operations.",
    "insurance_protection": "4.2.1: provide export credit insurance subsidies to hedge political risks.",
    "comprehensive_service_platform": "Ranked second by the paper. 4.2.2: integrate one-stop services "
    "including customs clearance, foreign exchange settlement, tax rebates, and financing to reduce "
    "enterprise compliance costs.",
    "public_service_platform": "Part of platform services: public service platforms (2.2.2).",
    "customs_clearance_platform": "Part of platform services: customs clearance service platforms (2.2.2).",
    "logistics_informatization": "4.2.2: utilize logistics informatization systems to achieve real-time "
    "tracking.",
    "electronic_customs_clearance": "Part of cross-border logistics: electronic customs clearance (2.2.2).",
    "overseas_warehouses": "4.2.2: public overseas warehouses, especially in ASEAN, the Middle East and "
    'Latin America; the "9810" model; special subsidies for overseas warehouse construction.',
    "reverse_logistics": "Part of cross-border logistics: reverse logistics (2.2.2).",
    "electronic_payment": "Ranked third by the paper. Part of cross-border payment; reduces transaction "
    "settlement time (2.2.2).",
    "investment_financing": "Part of cross-border payment: cross-border investment and financing (2.2.2).",
    "rmb_internationalization": "Part of cross-border payment: RMB internationalization (2.2.2).",
    "talent_cultivation_system": "4.2.4: order classes for cross-border e-commerce and industrial belts, "
    "cultivating composite talents.",
    "innovation_entrepreneurship": "Part of talent cultivation: innovation and entrepreneurship support "
    "systems (2.2.2).",
    "talent_service_system": "4.2.4: an industry mentor pool bringing corporate operations directors into "
    "the classroom.",
    "product_brand": "4.2.3: transform from OEM/ODM to OBM; collective export of regional manufacturing "
    "brands.",
    "marketing_channels": "4.2.3: emerging platforms such as TikTok and Temu for live streaming and "
    "short video marketing; independent websites.",
    "market_segmentation": "4.2.3: big data product selection and precision marketing.",
}

POPULATIONS = [
    {
        "id": "keystone",
        "name": "Keystone population",
        "role": "keystone",
        "description": "The organizational and coordination center of the ecosystem: cross-border e-commerce "
        "platforms undertake information transmission and transaction matching and act as ecosystem "
        '"coordinators" and "facilitators" (000, 2.2.1).',
        "members": [
            (
                "cbec_platforms",
                "Cross-border e-commerce platforms",
                "Amazon, Alibaba International Station, Temu, TikTok Shop (000, 2.2.1).",
            ),
        ],
    },
    {
        "id": "key",
        "name": "Key population",
        "role": "key",
        "description": "The core driving force: the supply-demand matching and transactional interaction "
        "between manufacturers and overseas buyers is the fundamental driving force of the ecosystem "
        "(000, 2.2.1).",
        "members": [
            (
                "industrial_belt_enterprises",
                "Industrial belt enterprises",
                "Specialized industrial belt manufacturers (sellers): product supply, manufacturing "
                "capabilities and supply chain foundations.",
            ),
            (
                "overseas_buyers",
                "Overseas buyers",
                "Purchasers: market demand and order sources.",
            ),
        ],
    },
    {
        "id": "supporting",
        "name": "Supporting population",
        "role": "supporting",
        "description": "Key supporting links for realizing cross-border e-commerce transactions, "
        "collectively building a systematic support network (000, 2.2.1).",
        "members": [
            (
                "logistics_enterprises",
                "Logistics enterprises",
                "Physical flow guarantees through warehousing and distribution.",
            ),
            (
                "payment_institutions",
                "Payment institutions",
                "Financial support through fund settlement.",
            ),
            (
                "customs_tax_authorities",
                "Customs/tax authorities",
                "Institutional guarantees through customs clearance and tax rebates.",
            ),
            (
                "telecom_operators",
                "Telecom operators",
                "Network communication enterprises.",
            ),
        ],
    },
    {
        "id": "parasitic",
        "name": "Parasitic population",
        "role": "parasitic",
        "description": "Not essential for transactions, but rely on other populations and serve them, "
        "improving operational efficiency (000, 2.2.1).",
        "members": [
            (
                "third_party_services",
                "Third-party service agencies",
                "Translation, marketing, training, certification, data analysis, software development.",
            ),
        ],
    },
]

RELATIONS = [
    (
        "cbec_platforms",
        "industrial_belt_enterprises",
        "information transmission and transaction matching",
    ),
    (
        "cbec_platforms",
        "overseas_buyers",
        "information transmission and transaction matching",
    ),
    (
        "industrial_belt_enterprises",
        "overseas_buyers",
        "supply-demand matching and transactions",
    ),
    ("logistics_enterprises", "key", "warehousing and distribution"),
    ("payment_institutions", "key", "fund settlement"),
    ("customs_tax_authorities", "key", "customs clearance and tax rebates"),
    ("telecom_operators", "keystone", "network communication"),
    ("third_party_services", "keystone", "specialized services"),
    ("third_party_services", "key", "specialized services"),
    ("credit_risk", "key", "reduces transaction uncertainty"),
    ("platform_services", "keystone", "one-stop convenience for buyers and sellers"),
    ("logistics", "logistics_enterprises", "cross-border flow of goods"),
    ("payment", "payment_institutions", "cross-border flow of funds"),
    ("talent", "industrial_belt_enterprises", "supplies talents to industrial belts"),
    (
        "marketing",
        "industrial_belt_enterprises",
        "brand influence and market competitiveness",
    ),
    (
        "policy",
        "platform_services",
        "pilot zones, tax incentives, customs clearance facilitation",
    ),
    ("political", "credit_risk", "tariff barriers amplify compliance and risk control"),
    ("economic", "marketing", "differentiated integration forms"),
    ("technological", "payment", "payment technology"),
    ("technological", "logistics", "logistics technology"),
    ("socio_cultural", "talent", "education levels and talent reserves"),
    ("socio_cultural", "marketing", "consumer preferences"),
    ("natural_geography", "logistics", "logistics costs and timeliness"),
]

# Simplified Chinese names (the model format's ``translations``). Terms follow Chinese
# cross-border e-commerce policy writing: 跨境电商 for cross-border e-commerce, 特色产业带 /
# 产业带 for (characteristic) industrial belts, the PEST-style 政策/经济/政治/技术/社会文化/自然地理
# 环境 for the external environment, 综合服务平台 / 公共服务平台 / 通关服务平台 as in the
# comprehensive pilot zones' platform names, 海外仓, 9610/9810 for the customs supervision modes,
# and 核心/关键/支持/寄生种群 for the business-ecosystem populations (keystone -> 核心种群, so that
# it is not confused with the key population, 关键种群). One term per concept throughout (监管 for
# regulation and supervision by an authority, 体系 for "system" in the talent factors).
TRANSLATIONS_ZH: dict[str, dict[str, str]] = {
    # the model
    "cbec_trade_war": {
        "name": "中美贸易战背景下跨境电商与特色产业带融合发展",
        "description": (
            "跨境电商与我国特色产业带融合发展的商业生态系统模型：6 个内部因素维度共 20 个因素，"
            "在 5 个外部环境控制准则下用网络分析法（ANP）赋权（论文 000，表 2）。"
        ),
    },
    # criteria (external environment)
    "policy": {
        "name": "政策环境",
        "description": (
            "跨境电商综合试验区政策、税收优惠和通关便利化等国家政策导向，直接影响融合发展的支持力度与路径"
            "（000，2.2.3）。例：综试区政策、RCEP、9610/9810 试点。"
        ),
    },
    "economic": {
        "name": "经济环境",
        "description": (
            "地方经济的结构特征和产业升级的动态需求，形成差异化的融合形态与重点领域（000，2.2.3）。"
            "例：产业带结构、汇率、全球市场需求。"
        ),
    },
    "political": {
        "name": "政治环境",
        "description": (
            "尤其是贸易战背景下的关税壁垒和地缘政治风险，正成为影响跨境电商与产业带融合的关键变量，"
            "直接影响企业成本和市场布局（000，2.2.3）。"
        ),
    },
    "technological": {
        "name": "技术环境",
        "description": (
            "支付技术、物流技术、大数据和人工智能的快速发展提高交易效率，推动产业带数字化、智能化转型"
            "（000，2.2.3）。"
        ),
    },
    "socio_cultural": {
        "name": "社会文化环境",
        "description": "跨文化理解、消费者偏好和教育水平潜移默化地影响企业出海战略和人才储备（000，2.2.3）。",
    },
    "natural_geography": {
        "name": "自然地理环境",
        "description": "自然地理环境通过地理距离和港口条件影响物流成本与时效（000，2.2.3）。",
    },
    # clusters (internal-factor dimensions)
    "credit_risk": {"name": "信用风险管理"},
    "platform_services": {"name": "平台服务"},
    "logistics": {"name": "跨境物流"},
    "payment": {"name": "跨境支付"},
    "talent": {"name": "人才培养"},
    "marketing": {"name": "国际网络营销"},
    # factors
    "government_regulation": {"name": "政府监管"},
    "consumer_complaints": {"name": "消费者投诉处理"},
    "platform_supervision": {"name": "平台监管"},
    "insurance_protection": {"name": "保险保障"},
    "comprehensive_service_platform": {"name": "综合服务平台"},
    "public_service_platform": {"name": "公共服务平台"},
    "customs_clearance_platform": {"name": "通关服务平台"},
    "logistics_informatization": {"name": "物流信息化"},
    "electronic_customs_clearance": {"name": "电子通关"},
    "overseas_warehouses": {"name": "海外仓"},
    "reverse_logistics": {"name": "逆向物流"},
    "electronic_payment": {"name": "电子支付"},
    "investment_financing": {"name": "跨境投融资"},
    "rmb_internationalization": {"name": "人民币国际化"},
    "talent_cultivation_system": {"name": "人才培养体系"},
    "innovation_entrepreneurship": {"name": "创新创业支持"},
    "talent_service_system": {"name": "人才服务体系"},
    "product_brand": {"name": "产品与品牌"},
    "marketing_channels": {"name": "营销渠道"},
    "market_segmentation": {"name": "市场细分"},
    # ecosystem populations and members (Table 1)
    "keystone": {"name": "核心种群"},
    "key": {"name": "关键种群"},
    "supporting": {"name": "支持种群"},
    "parasitic": {"name": "寄生种群"},
    "cbec_platforms": {"name": "跨境电商平台"},
    "industrial_belt_enterprises": {"name": "产业带企业"},
    "overseas_buyers": {"name": "海外买家"},
    "logistics_enterprises": {"name": "物流企业"},
    "payment_institutions": {"name": "支付机构"},
    "customs_tax_authorities": {"name": "海关/税务部门"},
    "telecom_operators": {"name": "电信运营商"},
    "third_party_services": {"name": "第三方服务机构"},
    # recommendations (section 4.2; titles only, the quotes stay the paper's words)
    "rec_4_2_1": {"name": "加强信用风险管理与合规能力建设"},
    "rec_4_2_2": {"name": "升级平台服务与跨境物流，构建数字化供应链"},
    "rec_4_2_3": {"name": "推动产业带数字化与品牌化转型，增强抗风险能力"},
    "rec_4_2_4": {"name": "深化产教融合，培养复合型跨境电商人才"},
}


def with_translations(item: dict[str, object]) -> dict[str, object]:
    """Return ``item`` with its Simplified Chinese translation (by id), if there is one."""
    zh = TRANSLATIONS_ZH.get(str(item["id"]))
    return {**item, "translations": {"zh": dict(zh)}} if zh else item


RECONSTRUCTED = (
    "Reconstructed, not published: the consistent matrix (CR = 0) of the published Table 2 weights "
    "(ANP_METHOD.md section 4). Ratios above 9 are kept as they are."
)
EQUAL = (
    "Equal judgments, not from the paper: natural geography is outside the paper's control layer and "
    "the paper publishes no judgments under it. Edit them to give it a network."
)


def read_table2() -> tuple[dict[str, float], list[dict[str, str]]]:
    """Return the published criterion weights and the factor rows."""
    with TABLE2.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    crits = [c["id"] for c in CRITERIA if "excluded_reason" not in c]
    weights_row = next(r for r in rows if r["row_type"] == "criterion_weight")
    return {c: float(weights_row[c]) for c in crits}, [r for r in rows if r["row_type"] == "factor"]


def published_section() -> dict[str, object]:
    """Table 2 as printed (numbers kept as text), to audit the model against."""
    with TABLE2.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    crits = [c["id"] for c in CRITERIA if "excluded_reason" not in c]
    weights_row = next(r for r in rows if r["row_type"] == "criterion_weight")
    factors = [r for r in rows if r["row_type"] == "factor"]
    return {
        "citation": "Paper 000, Table 2 (importance ranking of factors under the trade-war background)",
        "table": "Table 2",
        "criterion_weights": {c: weights_row[c] for c in crits},
        "cluster_weights": {r["cluster_id"]: r["cluster_weight"] for r in factors if r["cluster_weight"]},
        "rows": [
            {
                "node": r["factor_id"],
                "by_criterion": {c: r[c] for c in crits},
                "composite": r["composite"],
                "rank": int(r["rank"]),
            }
            for r in factors
        ],
        "notes": (
            "Printed to 3 decimals. The columns sum to 0.990-1.014 and the composite column is not exactly "
            "the weighted sum of the printed columns (data/README.md)."
        ),
    }


def recommendations_section() -> list[dict[str, object]]:
    """Section 4.2's recommendations, each linked to the factors it concerns."""
    data = json.loads(RECOMMENDATIONS.read_text(encoding="utf-8"))
    out: list[dict[str, object]] = []
    for r in data["recommendations"]:
        rec_id = "rec_" + r["section"].replace(".", "_")
        rec: dict[str, object] = {
            "id": rec_id,
            "section": f"{data['paper']}, {r['section']}",
            "title": r["title"],
            "quote": r["quote"],
            "links": [
                {"node": f["id"], "strength": f["strength"], "evidence": f["evidence"]} for f in r["factors"]
            ],
        }
        if rec_id in TRANSLATIONS_ZH:
            rec["translations"] = {"zh": {"name": TRANSLATIONS_ZH[rec_id]["name"]}}
        out.append(rec)
    return out


def consistent(weights: list[float]) -> list[list[float]]:
    """Return the consistent judgment matrix ``w_i / w_j``."""
    w = np.asarray(weights, dtype=float)
    return np.outer(w, 1.0 / w).tolist()


def build() -> dict[str, object]:
    """Build the model dict from Table 2 and the paper's text."""
    v, factors = read_table2()
    cluster_ids = list(dict.fromkeys(r["cluster_id"] for r in factors))
    members = {c: [r for r in factors if r["cluster_id"] == c] for c in cluster_ids}
    clusters = [
        with_translations(
            {
                "id": cid,
                "name": CLUSTERS[cid][0],
                "description": CLUSTERS[cid][1],
                "nodes": [
                    with_translations(
                        {
                            "id": r["factor_id"],
                            "name": r["factor"],
                            "description": FACTOR_NOTES[r["factor_id"]],
                        }
                    )
                    for r in members[cid]
                ],
            }
        )
        for cid in cluster_ids
    ]
    comparisons: list[dict[str, object]] = []
    for crit in CRITERIA:
        k = crit["id"]
        if k in v:
            p = np.array([float(r[k]) for r in factors])
            p = p / p.sum()
            note = RECONSTRUCTED
        else:
            p = np.ones(len(factors)) / len(factors)
            note = EQUAL
        share = dict(zip([r["factor_id"] for r in factors], p, strict=True))
        cw = [sum(share[r["factor_id"]] for r in members[c]) for c in cluster_ids]
        comparisons.append(
            {
                "criterion": k,
                "kind": "clusters",
                "wrt": k,
                "elements": cluster_ids,
                "matrix": consistent(cw) if note == RECONSTRUCTED else np.ones((6, 6)).tolist(),
                "note": note,
            }
        )
        for c in cluster_ids:
            ids = [r["factor_id"] for r in members[c]]
            local = [share[i] for i in ids]
            comparisons.append(
                {
                    "criterion": k,
                    "kind": "nodes",
                    "wrt": k,
                    "cluster": c,
                    "elements": ids,
                    "matrix": consistent(local)
                    if note == RECONSTRUCTED
                    else np.ones((len(ids),) * 2).tolist(),
                    "note": note,
                }
            )
    return {
        "schema_version": 1,
        "id": "cbec_trade_war",
        "translations": {"zh": dict(TRANSLATIONS_ZH["cbec_trade_war"])},
        "name": "Cross-border e-commerce x industrial belts under the US-China trade war",
        "description": (
            "Business-ecosystem model of the integration of cross-border e-commerce with China's "
            "characteristic industrial belts: 20 internal factors in 6 clusters weighed with the ANP "
            "under 5 external-environment control criteria (paper 000, Table 2)."
        ),
        "source": {
            "citation": (
                "Zhang, Q. Research on the Integrated Development Pathways of Cross-border E-commerce and "
                "Characteristic Industrial Belts Based on an Ecosystem Model. Wenzhou Polytechnic."
            ),
            "notes": (
                "The paper publishes derived weights only (Table 2). Every judgment in this file is "
                "reconstructed from them: consistent matrices (CR = 0) of the published columns, some "
                "ratios above 9 (ANP_METHOD.md section 4; data/README.md). They reproduce the published "
                "answer, not the experts' reasoning."
            ),
            "judgments": "reconstructed",
        },
        "ecosystem": {
            "title": "Cross-border e-commerce and characteristic industrial belt ecosystem (paper 000, Table 1)",
            "populations": [
                with_translations(
                    {
                        "id": p["id"],
                        "name": p["name"],
                        "role": p["role"],
                        "description": p["description"],
                        "members": [
                            with_translations({"id": i, "name": n, "description": d})
                            for i, n, d in p["members"]
                        ],
                    }
                )
                for p in POPULATIONS
            ],
            "relations": [{"source": s, "target": t, "label": lab} for s, t, lab in RELATIONS],
        },
        "criteria": [with_translations(c) for c in CRITERIA],
        "criteria_comparison": {
            "elements": list(v),
            "matrix": consistent(list(v.values())),
            "note": "Reconstructed, not published: the consistent matrix of the published criterion weights.",
        },
        "clusters": clusters,
        "comparisons": comparisons,
        "published": published_section(),
        "recommendations": recommendations_section(),
    }


def main() -> None:
    """Write the model file after validating it."""
    model = load_model(build())
    OUT.write_text(dump_model(model), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(model.comparisons)} comparisons")


if __name__ == "__main__":
    main()
