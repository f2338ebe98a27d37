"""Write the example models in ``data/models/examples/`` (``python -m scripts.write_examples``).

Each example is small and teaches one thing (its ``description`` says
what); ``tests/core/test_examples.py`` checks that it shows it. Two reproduce
published cases (Saaty's drinks and best-city examples); the others were made
for teaching by the project and say so in ``source``. The files are the
output of this script: edit here, run it, and commit both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scripts.model_builder import (
    cluster,
    clusters_cmp,
    criteria_cmp,
    node,
    nodes_cmp,
    upper_from_pairs,
    write_model,
)
from scripts.zh_translations import EXAMPLES_ZH, with_zh

OUT = Path(__file__).resolve().parent.parent / "data" / "models" / "examples"
TEACHING = "Made for teaching by the project."


def _model(model_id: str, name: str, description: str, source: dict[str, str], **rest: Any) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": model_id,
        "name": name,
        "description": description,
        **({"translations": rest.pop("translations")} if "translations" in rest else {}),
        "source": source,
        **rest,
    }


def _single(criterion_id: str, name: str, description: str) -> dict[str, Any]:
    return {
        "criteria": [{"id": criterion_id, "name": name, "description": description}],
        "criteria_comparison": {
            "elements": [criterion_id],
            "matrix": [[1.0]],
            "note": "One control criterion.",
        },
    }


# --------------------------------------------------------------------------- published: Saaty's drinks

DRINKS = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
DRINKS_PAIRS = {
    ("coffee", "wine"): 9, ("coffee", "tea"): 5, ("coffee", "beer"): 2, ("coffee", "sodas"): 1,
    ("coffee", "milk"): 1, ("coffee", "water"): 1 / 2,
    ("wine", "tea"): 1 / 3, ("wine", "beer"): 1 / 9, ("wine", "sodas"): 1 / 9, ("wine", "milk"): 1 / 9,
    ("wine", "water"): 1 / 9,
    ("tea", "beer"): 1 / 3, ("tea", "sodas"): 1 / 4, ("tea", "milk"): 1 / 3, ("tea", "water"): 1 / 9,
    ("beer", "sodas"): 1 / 2, ("beer", "milk"): 1, ("beer", "water"): 1 / 3,
    ("sodas", "milk"): 2, ("sodas", "water"): 1 / 2,
    ("milk", "water"): 1 / 3,
}  # fmt: skip
#: Saaty (2008), the derived priorities as printed.
DRINKS_PUBLISHED = {
    "coffee": "0.177", "wine": "0.019", "tea": "0.042", "beer": "0.116", "sodas": "0.190", "milk": "0.129",
    "water": "0.327",
}  # fmt: skip
DRINKS_CITATION = (
    "Saaty, T. L. (2008). Decision making with the analytic hierarchy process. International Journal of "
    "Services Sciences, 1(1), 83-98: the example 'Which drink is consumed more in the U.S.?' (judgment matrix "
    "and derived priorities). The judgments are as transcribed by the AHPy project (PhilipGriffith/AHPy, "
    "README and tests), which reproduces the printed priorities."
)


def drinks() -> dict[str, Any]:
    """Saaty (2008): one pairwise matrix of seven drinks, reproduced against the printed priorities."""
    c = "consumption"
    return _model(
        "saaty_drinks",
        "Which drink is consumed more in the U.S.? (Saaty 2008)",
        "One pairwise matrix is already a complete AHP: a question node compares seven drinks by how much "
        "more of one is drunk than of another, and the eigenvector of the judgments estimates the shares. "
        "Saaty used it to show that judgments recover measurable quantities (his derived priorities were "
        "close to the consumption statistics). Teaches: the principal eigenvector, a consistency ratio that "
        "depends on the RI table (0.022 with Saaty's table, 0.021 with Super Decisions'), and drinks as sinks "
        "(they link to nothing). The Paper audit page compares the computed priorities with the printed ones.",
        {
            "citation": DRINKS_CITATION,
            "notes": "Judgments as published (one respondent's, per Saaty). Nothing here is reconstructed.",
            "judgments": "original",
        },
        settings={"sinks": "calculus"},
        **_single(
            c, "Relative consumption", "How much more of one drink than of another is consumed in the U.S."
        ),
        clusters=[
            cluster(
                "question",
                "Question",
                "The node the drinks are compared with respect to.",
                [node("drink_question", "Which drink is consumed more in the U.S.?")],
            ),
            cluster(
                "drinks",
                "Drinks",
                "The seven drinks of Saaty's example.",
                [node(d, d.capitalize()) for d in DRINKS],
            ),
        ],
        comparisons=[
            nodes_cmp(
                c,
                "drink_question",
                "drinks",
                DRINKS,
                upper_from_pairs(DRINKS, DRINKS_PAIRS),
                "Saaty (2008), as published.",
            )
        ],
        ranked_clusters=["drinks"],
        published={
            "citation": DRINKS_CITATION,
            "table": "Derived priorities of the drinks",
            "notes": "Priorities printed to three decimals; the consistency ratio printed is 0.022 "
            "(Saaty's RI table).",
            "criterion_weights": {c: "1"},
            "rows": [
                {"node": d, "by_criterion": {c: v}, "composite": v} for d, v in DRINKS_PUBLISHED.items()
            ],
        },
    )


# --------------------------------------------------------------------------- published: best city (hierarchy)

CITY_CRITERIA = ["culture", "family", "housing", "jobs", "transportation"]
CITIES = ["bethesda", "boston", "pittsburgh", "santa_fe"]
CITY_PAIRS = {
    "goal": {
        ("culture", "housing"): 3, ("culture", "transportation"): 5,
        ("family", "culture"): 5, ("family", "housing"): 7, ("family", "transportation"): 7,
        ("housing", "transportation"): 3,
        ("jobs", "culture"): 2, ("jobs", "housing"): 4, ("jobs", "transportation"): 7,
        ("family", "jobs"): 1,
    },
    "culture": {
        ("bethesda", "pittsburgh"): 1, ("boston", "bethesda"): 2, ("boston", "pittsburgh"): 2.5,
        ("boston", "santa_fe"): 1, ("santa_fe", "bethesda"): 2, ("santa_fe", "pittsburgh"): 2.5,
    },
    "family": {
        ("bethesda", "boston"): 2, ("bethesda", "santa_fe"): 4, ("boston", "santa_fe"): 2,
        ("pittsburgh", "bethesda"): 3, ("pittsburgh", "boston"): 8, ("pittsburgh", "santa_fe"): 9,
    },
    "housing": {
        ("bethesda", "boston"): 5, ("bethesda", "santa_fe"): 2.5, ("pittsburgh", "bethesda"): 2,
        ("pittsburgh", "boston"): 9, ("pittsburgh", "santa_fe"): 7, ("santa_fe", "boston"): 4,
    },
    "jobs": {
        ("bethesda", "pittsburgh"): 3, ("bethesda", "santa_fe"): 4, ("boston", "bethesda"): 2,
        ("boston", "pittsburgh"): 6, ("boston", "santa_fe"): 8, ("pittsburgh", "santa_fe"): 1,
    },
    "transportation": {
        ("bethesda", "boston"): 1.5, ("bethesda", "santa_fe"): 4, ("boston", "santa_fe"): 2.5,
        ("pittsburgh", "bethesda"): 2, ("pittsburgh", "boston"): 3.5, ("pittsburgh", "santa_fe"): 9,
    },
}  # fmt: skip
#: The AHP synthesis (distributive) to three decimals.
CITY_PUBLISHED = {"bethesda": "0.229", "boston": "0.275", "pittsburgh": "0.385", "santa_fe": "0.111"}
CITY_CITATION = (
    "Saaty, T. L. (2005). Theory and Applications of the Analytic Network Process. RWS Publications: the "
    "'best city to live in' hierarchy. Judgments and overall priorities as transcribed by the AHPy project "
    "(PhilipGriffith/AHPy, tests/test_ahp.py, 'Example from Saaty ... 2005'), whose test reproduces "
    "Bethesda 0.229, Boston 0.275, Pittsburgh 0.385, Santa Fe 0.111."
)


def best_city() -> dict[str, Any]:
    """Saaty (2005): the best-city hierarchy, goal -> criteria -> cities (sinks)."""
    c = "quality_of_life"
    names = {"culture": "Culture", "family": "Family", "housing": "Housing", "jobs": "Jobs"}
    names |= {"transportation": "Transportation", "bethesda": "Bethesda", "boston": "Boston"}
    names |= {"pittsburgh": "Pittsburgh", "santa_fe": "Santa Fe"}
    comps = [
        nodes_cmp(
            c, "goal_city", "criteria", CITY_CRITERIA, upper_from_pairs(CITY_CRITERIA, CITY_PAIRS["goal"])
        )
    ]
    comps += [
        nodes_cmp(c, k, "cities", CITIES, upper_from_pairs(CITIES, CITY_PAIRS[k]), f"Cities compared on {k}.")
        for k in CITY_CRITERIA
    ]
    return _model(
        "saaty_best_city",
        "Best city to live in: a hierarchy with sink alternatives (Saaty 2005)",
        "A classic AHP hierarchy written as a network: the goal links to five criteria, each criterion links "
        "to four cities, and the cities link to nothing (sinks: their supermatrix columns are zero). The "
        "supermatrix is acyclic, so its limit is the hierarchy formula (the normalised sum of its powers, as "
        "Super Decisions computes it). Teaches: AHP is the special case of ANP without feedback; the goal's "
        "column of the limit matrix holds the AHP synthesis (Saaty's published priorities), while the "
        "dashboard ranks by the normalised row sums of the limit (Super Decisions' and pyanp's rule), which "
        "also count each criterion's own column, so the two differ (the Paper audit page shows by how much).",
        {
            "citation": CITY_CITATION,
            "notes": "Judgments as published; nothing reconstructed. The published numbers are the AHP "
            "synthesis, which is the goal's column of the limit, so this model reads its priorities from "
            "the goal's column (settings.priorities = sources); the default reading, the limit's row sums, "
            "would count each criterion's own column too.",
            "judgments": "original",
        },
        settings={"sinks": "calculus", "priorities": "sources"},
        **_single(c, "Quality of life", "Where a family would rather live."),
        clusters=[
            cluster("goal", "Goal", "", [node("goal_city", "Best city to live in")]),
            cluster("criteria", "Criteria", "", [node(k, names[k]) for k in CITY_CRITERIA]),
            cluster("cities", "Cities", "The alternatives (sinks).", [node(k, names[k]) for k in CITIES]),
        ],
        comparisons=comps,
        ranked_clusters=["cities"],
        published={
            "citation": CITY_CITATION,
            "table": "Overall priorities of the cities",
            "notes": "The AHP (distributive) synthesis to three decimals: the goal's column of the limit "
            "matrix restricted to the cities. The dashboard's ranked priorities are the normalised row sums "
            "of the limit, so the audit shows the difference between the two readings.",
            "criterion_weights": {c: "1"},
            "rows": [{"node": k, "by_criterion": {c: v}, "composite": v} for k, v in CITY_PUBLISHED.items()],
        },
    )


# --------------------------------------------------------------------------- feedback that converges slowly

SHOPS = ["campus_cafe", "high_street_chain", "station_kiosk"]
GROUPS = ["students", "office_workers", "commuters"]
QUALITIES = ["price", "taste", "convenience"]


def coffee_feedback() -> dict[str, Any]:
    """Feedback and inner dependence whose supermatrix powers converge slowly (teaching)."""
    c = "market_share"
    n = nodes_cmp
    comps = [
        n(c, "students", "shops", SHOPS, [[5, 7], [2]], "Where students buy coffee."),
        n(c, "office_workers", "shops", SHOPS, [[1 / 4, 2], [6]], "Where office workers buy coffee."),
        n(c, "commuters", "shops", SHOPS, [[1 / 2, 1 / 5], [1 / 3]], "Where commuters buy coffee."),
        n(c, "price", "shops", SHOPS, [[2, 1 / 2], [1 / 3]], "Which shop is cheaper."),
        n(
            c,
            "taste",
            "shops",
            SHOPS,
            [[3, 2], [2]],
            "Deliberately inconsistent, for the consistency-repair feature: the café beats the chain 3 "
            "times and the chain beats the kiosk 2 times, yet the café beats the kiosk only 2 times "
            "(consistent would be 6).",
        ),
        n(c, "convenience", "shops", SHOPS, [[1 / 2, 1 / 5], [1 / 3]], "Which shop is easier to reach."),
        n(c, "campus_cafe", "customers", GROUPS, [[6, 4], [1 / 2]], "Who buys at the campus café."),
        n(c, "high_street_chain", "customers", GROUPS, [[1 / 4, 1 / 2], [3]], "Who buys at the chain."),
        n(c, "station_kiosk", "customers", GROUPS, [[1 / 2, 1 / 5], [1 / 3]], "Who buys at the kiosk."),
        n(c, "campus_cafe", "qualities", QUALITIES, [[1 / 2, 2], [3]], "What the café competes on."),
        n(c, "high_street_chain", "qualities", QUALITIES, [[1 / 3, 1 / 2], [2]], "What the chain competes on."),
        n(c, "station_kiosk", "qualities", QUALITIES, [[2, 1 / 4], [1 / 6]], "What the kiosk competes on."),
        n(c, "students", "qualities", QUALITIES, [[3, 4], [2]], "What students care about."),
        n(c, "office_workers", "qualities", QUALITIES, [[1 / 3, 1 / 2], [2]], "What office workers care about."),
        n(c, "commuters", "qualities", QUALITIES, [[1 / 2, 1 / 5], [1 / 3]], "What commuters care about."),
        n(c, "students", "customers", GROUPS, [[5, 3], [1 / 2]], "Word of mouth: whose habits students follow."),
        n(c, "office_workers", "customers", GROUPS, [[1 / 3, 1 / 2], [3]], "Whose habits office workers follow."),
        n(c, "commuters", "customers", GROUPS, [[1, 1 / 3], [1 / 4]], "Whose habits commuters follow."),
        clusters_cmp(c, "shops", ["customers", "qualities"], [[2]], "A shop's share comes from its customers "
                     "twice as much as from its qualities."),
        clusters_cmp(c, "customers", ["shops", "customers", "qualities"], [[7, 5], [1 / 2]],
                     "A customer group's influence goes mostly to the shops it buys from."),
    ]  # fmt: skip
    names = {
        "campus_cafe": "Campus café",
        "high_street_chain": "High-street chain",
        "station_kiosk": "Station kiosk",
        "students": "Students",
        "office_workers": "Office workers",
        "commuters": "Commuters",
        "price": "Price",
        "taste": "Taste",
        "convenience": "Convenience",
    }
    return _model(
        "coffee_feedback",
        "Coffee shops, customers and qualities: feedback that converges slowly",
        "Three shops compete for three customer groups; shops, customers and qualities influence each other "
        "(feedback between clusters) and customers influence each other by word of mouth (inner dependence). "
        "The weighted supermatrix is not rank one and its second eigenvalue is about 0.81 in modulus, so its "
        "powers settle only after dozens of steps, oscillating on the way: show the convergence plot on the "
        "Supermatrix page. One matrix (shops with respect to taste) is deliberately inconsistent (CR 0.13) so "
        "the consistency-repair list has something to show.",
        {
            "citation": TEACHING,
            "notes": "Illustrative judgments invented for the lesson; no real shops or survey.",
            "judgments": "illustrative",
        },
        **_single(c, "Market share", "Which shop wins the most custom."),
        clusters=[
            cluster("shops", "Shops", "The alternatives.", [node(k, names[k]) for k in SHOPS]),
            cluster("customers", "Customers", "Who buys coffee.", [node(k, names[k]) for k in GROUPS]),
            cluster(
                "qualities", "Qualities", "What a shop competes on.", [node(k, names[k]) for k in QUALITIES]
            ),
        ],
        comparisons=comps,
        ranked_clusters=["shops"],
    )


# --------------------------------------------------------------------------- reducible: two closed classes


def two_markets_reducible() -> dict[str, Any]:
    """Return a reducible network: two closed classes and two transient nodes (teaching)."""
    c = "influence"
    north, south, exporters = (
        ["north_factory", "north_shop"],
        ["south_factory", "south_shop"],
        ["exporter_a", "exporter_b"],
    )
    n = nodes_cmp
    comps = [
        n(c, "north", "north", north, [[2]], "Inside the north, the factory weighs twice the shop."),
        n(
            c,
            "south",
            "south",
            south,
            [[1 / 3]],
            "Inside the south, the shop weighs three times the factory.",
        ),
        n(c, "exporter_a", "north", north, [[3]], "Exporter A sells in the north, mostly to the factory."),
        n(c, "exporter_b", "south", south, [[1 / 4]], "Exporter B sells in the south, mostly to the shop."),
        n(c, "exporters", "exporters", exporters, [[2]], "The exporters also trade with each other."),
        clusters_cmp(
            c,
            "exporters",
            ["north", "south", "exporters"],
            [[1, 3], [3]],
            "An exporter's influence goes to its market three times as much as to the other exporter.",
        ),
    ]
    names = {
        "north_factory": "North: factory",
        "north_shop": "North: shop",
        "south_factory": "South: factory",
        "south_shop": "South: shop",
        "exporter_a": "Exporter A",
        "exporter_b": "Exporter B",
    }
    return _model(
        "two_markets_reducible",
        "Two markets that never trade: a reducible network",
        "Influence inside the north stays in the north, influence inside the south stays in the south; "
        "exporter A sells in the north, exporter B in the south, and the two trade with each other. The "
        "supermatrix is reducible: the north and the south are two closed classes, the exporters are "
        "transient. Its limit is not one vector repeated: a north column ends in the north's own stationary "
        "vector, a south column in the south's, and each exporter's column mixes the two in its own "
        "proportion (where its influence is absorbed). The engine solves each class and the absorption "
        "probabilities instead of iterating; the Supermatrix page shows the differing columns.",
        {
            "citation": TEACHING,
            "notes": "Illustrative judgments invented for the lesson.",
            "judgments": "illustrative",
        },
        **_single(c, "Influence", "Who ends up holding the influence in the long run."),
        clusters=[
            cluster(
                "north",
                "North market",
                "A closed class: links only to itself.",
                [node(k, names[k]) for k in north],
            ),
            cluster(
                "south",
                "South market",
                "A closed class: links only to itself.",
                [node(k, names[k]) for k in south],
            ),
            cluster(
                "exporters",
                "Exporters",
                "Transient: each sells into one market and trades with the other.",
                [node(k, names[k]) for k in exporters],
            ),
        ],
        comparisons=comps,
    )


# --------------------------------------------------------------------------- periodic: a cycle of clusters


def supply_cycle_periodic() -> dict[str, Any]:
    """Return a cycle of three clusters: periodic with period 3, limit by Cesaro averaging (teaching)."""
    c = "orders"
    sup, man, ret = (
        ["supplier_1", "supplier_2"],
        ["maker_1", "maker_2"],
        ["online_shop", "supermarket", "corner_store"],
    )
    n = nodes_cmp
    comps = [
        n(c, "supplier_1", "makers", man, [[3]], "Supplier 1 sells mostly to maker 1."),
        n(c, "supplier_2", "makers", man, [[1 / 2]]),
        n(c, "maker_1", "retailers", ret, [[3, 5], [2]], "Where maker 1's goods are sold."),
        n(c, "maker_2", "retailers", ret, [[1 / 2, 2], [5]], "Where maker 2's goods are sold."),
        n(c, "retailers", "suppliers", sup, [[2]], "Retailers' orders reach supplier 1 twice as much."),
    ]  # fmt: skip
    names = {
        "supplier_1": "Supplier 1",
        "supplier_2": "Supplier 2",
        "maker_1": "Maker 1",
        "maker_2": "Maker 2",
        "online_shop": "Online shop",
        "supermarket": "Supermarket",
        "corner_store": "Corner store",
    }
    return _model(
        "supply_cycle_periodic",
        "Suppliers, makers, retailers: a periodic network",
        "Orders travel around a cycle: suppliers influence makers, makers influence retailers, retailers "
        "influence suppliers, and nothing else. The supermatrix is irreducible but periodic with period 3: "
        "its powers never settle (each power moves all the weight one cluster on; the convergence plot stays "
        "flat), so the limit is the Cesàro average of three consecutive powers, which is the stationary "
        "vector (each cluster holds a third of the weight). Never read an oscillating power as the answer.",
        {
            "citation": TEACHING,
            "notes": "Illustrative judgments invented for the lesson.",
            "judgments": "illustrative",
        },
        **_single(c, "Orders", "Where the flow of orders concentrates."),
        clusters=[
            cluster("suppliers", "Suppliers", "", [node(k, names[k]) for k in sup]),
            cluster("makers", "Makers", "", [node(k, names[k]) for k in man]),
            cluster("retailers", "Retailers", "", [node(k, names[k]) for k in ret]),
        ],
        comparisons=comps,
    )


# --------------------------------------------------------------------------- three criteria, missing judgments, zh

MODES = ["postal_parcels", "international_express", "overseas_warehouse"]
FACTORS = ["cost", "delivery_time", "returns_handling", "customs_compliance"]
ZH = {
    "economic": "经济环境",
    "technological": "技术环境",
    "political": "政治环境",
    "modes": "物流模式",
    "factors": "评价因素",
    "postal_parcels": "邮政小包",
    "international_express": "国际快递",
    "overseas_warehouse": "海外仓",
    "cost": "成本",
    "delivery_time": "时效",
    "returns_handling": "退货处理",
    "customs_compliance": "清关合规",
}


def logistics_three_criteria() -> dict[str, Any]:
    """Three control criteria with three kinds of network; a missing judgment; Chinese names (teaching)."""
    n = nodes_cmp
    names = {
        "economic": "Economic environment",
        "technological": "Technological environment",
        "political": "Political environment (tariffs)",
        "postal_parcels": "Postal parcels",
        "international_express": "International express",
        "overseas_warehouse": "Overseas warehouse",
        "cost": "Cost",
        "delivery_time": "Delivery time",
        "returns_handling": "Returns handling",
        "customs_compliance": "Customs compliance",
    }
    modes_on = {
        "cost": [[3, 2], [1 / 2]],
        "delivery_time": [[1 / 5, 1 / 7], [1 / 2]],
        "returns_handling": [[1, 1 / 5], [1 / 4]],
        "customs_compliance": [[1 / 2, 1 / 4], [1 / 2]],
    }
    comps: list[dict[str, Any]] = []
    # Economic: the factors are compared once, for the whole criterion (every column links to them),
    # with one judgment missing; the modes are compared on each factor.
    comps.append(
        n("economic", "economic", "factors", FACTORS, [[3, None, 5], [2, 3], [2]],
          "Under the economic environment; cost against returns handling was not asked.")
    )  # fmt: skip
    comps += [n("economic", f, "modes", MODES, modes_on[f]) for f in FACTORS]
    comps.append(clusters_cmp("economic", "factors", ["modes", "factors"], [[3]]))
    # Technological: node-level feedback; each mode weighs the factors its own way.
    comps += [
        n("technological", "postal_parcels", "factors", FACTORS, [[3, 2, 1 / 2], [1, 1 / 4], [1 / 3]]),
        n("technological", "international_express", "factors", FACTORS, [[1 / 3, 1, 1 / 2], [3, 2], [1 / 2]]),
        n("technological", "overseas_warehouse", "factors", FACTORS, [[1, 1 / 2, 1], [1 / 2, 1], [2]]),
        n("technological", "factors", "factors", FACTORS, [[1, 2, 1 / 2], [2, 1], [1 / 3]],
          "Inner dependence: which factor drives the others (electronic clearance speeds delivery)."),
    ]  # fmt: skip
    comps += [n("technological", f, "modes", MODES, modes_on[f]) for f in FACTORS]
    comps.append(clusters_cmp("technological", "factors", ["modes", "factors"], [[2]]))
    # Political: the modes are sinks (they link to nothing); the factors depend on each other.
    comps += [
        n("political", "factors", "factors", FACTORS, [[1 / 3, 1 / 2, 1 / 5], [1, 1 / 2], [1 / 3]],
          "Under tariffs, customs compliance drives the other factors."),
    ]  # fmt: skip
    comps += [n("political", f, "modes", MODES, modes_on[f]) for f in FACTORS]
    return _model(
        "logistics_three_criteria",
        "Choosing a cross-border logistics mode under three control criteria",
        "Three control criteria, each with its own kind of network over the same nodes: under the economic "
        "environment the factors are compared once for the whole criterion (with one judgment missing, "
        "completed by Harker's method); under the technological environment each mode weighs the factors "
        "its own way and the factors depend on each other (node-level feedback); under the political "
        "environment the modes are sinks (they link to nothing). The composite weighs the three limits by "
        "the criterion weights. Every name has a Chinese translation (switch the language to 中文).",
        {
            "citation": TEACHING,
            "notes": "Illustrative judgments invented for the lesson. The modes are three of those listed in "
            "seed paper 003, section 3 (postal parcels, international express delivery, overseas warehouses).",
            "judgments": "illustrative",
        },
        translations={"zh": {"name": "三个控制准则下的跨境物流模式选择"}},
        criteria=[
            node("economic", names["economic"], "Costs, exchange rates, demand.", zh=ZH["economic"]),
            node(
                "technological",
                names["technological"],
                "Logistics and customs technology.",
                zh=ZH["technological"],
            ),
            node("political", names["political"], "Tariff barriers and trade policy.", zh=ZH["political"]),
        ],
        criteria_comparison=criteria_cmp(
            ["economic", "technological", "political"],
            [[3, 1], [1 / 3]],
            "Economic and political weigh the same, each three times technological.",
        ),
        clusters=[
            cluster(
                "modes",
                "Logistics modes",
                "The alternatives.",
                [node(k, names[k], zh=ZH[k]) for k in MODES],
                zh=ZH["modes"],
            ),
            cluster(
                "factors",
                "Factors",
                "What a mode is judged on.",
                [node(k, names[k], zh=ZH[k]) for k in FACTORS],
                zh=ZH["factors"],
            ),
        ],
        comparisons=comps,
        ranked_clusters=["modes"],
    )


# --------------------------------------------------------------------------- primary names Chinese, long, accented

SITES = ["lodz", "sao_paulo", "kuala_lumpur"]
SITE_FACTORS = ["logistics", "regulation", "demand"]


def warehouse_names() -> dict[str, Any]:
    """Primary names in Chinese, long accented alternative names, English translations (teaching)."""
    c = "overall_benefit"
    site_names = {
        "lodz": "Łódź, Polska — magazyn celny przy terminalu kolejowym China–Europe (Nowy Jedwabny Szlak)",
        "sao_paulo": "São Paulo, Brasil — armazém alfandegado partilhado com operadores logísticos locais",
        "kuala_lumpur": "Kuala Lumpur, Malaysia — gudang berikat di Zon Perdagangan Bebas Digital (DFTZ)",
    }
    en = {
        "lodz": "Łódź, Poland — bonded warehouse at the China–Europe rail terminal (New Silk Road)",
        "sao_paulo": "São Paulo, Brazil — bonded warehouse shared with local logistics operators",
        "kuala_lumpur": "Kuala Lumpur, Malaysia — bonded warehouse in the Digital Free Trade Zone (DFTZ)",
        "logistics": "Delivery time and cost, including how well rail, sea and air transport connect",
        "regulation": "Local laws and regulations and ease of customs clearance",
        "demand": "Market demand and consumers' online-shopping penetration",
    }
    factor_names = {
        "logistics": "物流时效与成本（包括中欧班列、海运与空运多式联运的衔接能力）",
        "regulation": "当地法律法规与清关便利度",
        "demand": "市场需求与消费者网购渗透率",
    }
    n = nodes_cmp
    comps = [
        n(c, "logistics", "sites", SITES, [[3, 2], [1 / 2]]),
        n(c, "regulation", "sites", SITES, [[2, 1], [1 / 2]]),
        n(c, "demand", "sites", SITES, [[1 / 2, 2], [3]]),
        n(c, "lodz", "site_factors", SITE_FACTORS, [[3, 4], [2]]),
        n(c, "sao_paulo", "site_factors", SITE_FACTORS, [[1 / 2, 1 / 3], [1 / 2]]),
        n(c, "kuala_lumpur", "site_factors", SITE_FACTORS, [[1, 1 / 2], [1 / 3]]),
        n(
            c,
            "site_factors",
            "site_factors",
            SITE_FACTORS,
            [[2, 1], [1 / 2]],
            "因素之间的相互影响（内部依赖）。",
        ),
        clusters_cmp(c, "site_factors", ["sites", "site_factors"], [[2]]),
    ]
    return _model(
        "warehouse_site_names",
        "海外仓选址：长名称与非 ASCII 名称（教学示例）",
        "教学示例：主名称为中文，备选仓址的名称很长并带有重音字母（波兰语、葡萄牙语、马来语），用于检查每个页面"
        "都能完整显示并自动换行，而不是截断。A teaching model whose primary names are Chinese and whose "
        "alternatives have long accented names, to check that every page shows full names, wrapped, never "
        "cut; English names are in the 'en' translations.",
        {
            "citation": TEACHING,
            "notes": "示意性判断，仅用于演示。Illustrative judgments invented for the lesson.",
            "judgments": "illustrative",
        },
        translations={"en": {"name": "Overseas warehouse site: long and non-ASCII names (teaching example)"}},
        criteria=[node(c, "综合效益", "选址的总体收益。", en="Overall benefit")],
        criteria_comparison={"elements": [c], "matrix": [[1.0]], "note": "只有一个控制准则。"},
        clusters=[
            cluster(
                "sites",
                "备选仓址（候选城市与仓库类型）",
                "备选方案。",
                [node(k, site_names[k], en=en[k]) for k in SITES],
                en="Candidate sites",
            ),
            cluster(
                "site_factors",
                "评价因素",
                "选址考虑的因素。",
                [node(k, factor_names[k], en=en[k]) for k in SITE_FACTORS],
                en="Factors",
            ),
        ],
        comparisons=comps,
        ranked_clusters=["sites"],
    )


EXAMPLES = {
    "saaty_drinks.json": drinks,
    "saaty_best_city.json": best_city,
    "coffee_feedback.json": coffee_feedback,
    "two_markets_reducible.json": two_markets_reducible,
    "supply_cycle_periodic.json": supply_cycle_periodic,
    "logistics_three_criteria.json": logistics_three_criteria,
    "warehouse_site_names.json": warehouse_names,
}
EXAMPLES = with_zh(EXAMPLES, EXAMPLES_ZH)  # Chinese names and texts: scripts/zh_translations.py


def main() -> None:
    """Write every example model (each is validated before it is written)."""
    for filename, build in EXAMPLES.items():
        write_model(build(), OUT / filename)
        print(f"wrote {OUT / filename}")


if __name__ == "__main__":
    main()
