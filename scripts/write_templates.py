"""Write the seed-paper templates in ``data/models/templates/`` (``python -m scripts.write_templates``).

Seed papers 001, 002 and 004 describe structures (markets and their factors,
operation modes and the problems they meet, the circles of a supply-chain
ecosystem) but publish no judgments. The templates turn each structure into
a model a user can open, question and change. Every judgment is
illustrative and says so (``source.judgments``, ``source.notes`` and each
comparison's note). The rule that turns the papers' words into numbers is
the project's and is the same everywhere: an element the quoted phrase calls
strong (or decisive) is one tier above the neutral ones, one it calls weak
(or a restriction) one tier below, and a pair's judgment is 1, 3 or 5 for a
tier gap of 0, 1 or 2 (:func:`scripts.model_builder.upper_from_tiers`).
Where the papers say nothing the elements are equal. A quoted phrase is
always written as ``"phrase" (paper, section)`` and must appear word for
word in that paper (``tests/core/test_templates.py`` checks it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scripts.model_builder import (
    cluster,
    clusters_cmp,
    node,
    nodes_cmp,
    upper_from_tiers,
    write_model,
)
from scripts.zh_translations import TEMPLATES_ZH, with_zh

OUT = Path(__file__).resolve().parent.parent / "data" / "models" / "templates"

CITE_000 = (
    "Zhang, Q. Research on the Integrated Development Pathways of Cross-border E-commerce and Characteristic "
    "Industrial Belts Based on an Ecosystem Model. Wenzhou Polytechnic (seed paper 000)"
)
CITE_001 = (
    "Construction of the supply chain ecosystem of industrial belts and cross-border e-commerce, and the "
    "mechanism of its stable operation (seed paper 001)"
)
CITE_002 = (
    "Zhao, X. (2025). Research on the Influencing Factors of China's Cross-border E-commerce Exports to "
    "Countries Along the 'Belt and Road'. University of Science and Technology Liaoning (seed paper 002)"
)
CITE_004 = (
    "Chen, B., Wang, J. Research on the operation mode and mechanism of cross-border e-commerce enterprises "
    "under digital trade (seed paper 004)"
)
RULE = (
    "Tier rule (the project's): an element a quoted phrase calls strong or decisive is one tier above the "
    "neutral ones, one it calls weak or restricting one tier below; a tier gap of 0, 1, 2 gives the judgment "
    "1, 3, 5. Elements the papers say nothing about are neutral, so equal."
)


def _tiers(
    criterion: str, wrt: str, cluster_id: str, elements: list[str], tiers: dict[str, int], why: str
) -> dict[str, Any]:
    return nodes_cmp(criterion, wrt, cluster_id, elements, upper_from_tiers(elements, tiers), why)


def _clusters(
    criterion: str, wrt: str, elements: list[str], tiers: dict[str, int], why: str
) -> dict[str, Any]:
    return clusters_cmp(criterion, wrt, elements, upper_from_tiers(elements, tiers), why)


def _template(
    model_id: str, name: str, description: str, citation: str, notes: str, **rest: Any
) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": model_id,
        "name": name,
        "description": description,
        "source": {"citation": citation, "notes": notes, "judgments": "illustrative"},
        **rest,
    }


# --------------------------------------------------------------------------- 002 + 000 4.2.1: alternative markets

MARKETS = ["asean", "central_asia", "cee", "us_market"]
INFRA = ["digital_infrastructure", "logistics_transport", "payment_settlement", "online_shopping"]
INSTITUTIONAL = ["platform_development", "market_access", "tariff_policy"]


def alternative_markets() -> dict[str, Any]:
    """Seed 002 with 000, 4.2.1: four export markets against the factors of 002 (illustrative)."""
    c = "export_potential"
    t = _tiers
    comps = [
        # ---- markets compared on each factor ("which market is better placed on this factor")
        t(c, "digital_infrastructure", "markets", MARKETS, {"asean": 1, "central_asia": -1},
          '"Southeast Asia has a high mobile Internet penetration rate" (002, 3.1); "The network '
          'infrastructure of some Central Asian countries is relatively weak" (002, 3.1). The other markets: '
          'no statement, neutral.'),
        t(c, "logistics_transport", "markets", MARKETS, {"asean": 1, "cee": 1},
          '"The China-Europe routes that have been opened provide stable and reliable freight routes in '
          'Central and Eastern Europe, while Southeast Asian ports with dense sea routes have good logistics '
          'advantages" (002, 3.2).'),
        t(c, "payment_settlement", "markets", MARKETS, {"asean": 1, "central_asia": -1},
          '"electronic wallets are widely used in Southeast Asia with high payment convenience" (002, 3.3); '
          '"In some Central Asian countries, cash transactions are still dominant" (002, 3.3).'),
        t(c, "online_shopping", "markets", MARKETS, {"asean": 1, "cee": 1},
          '"The ASEAN market has a significant youthful consumer group, a high penetration rate of mobile '
          'payment, and sufficient market vitality" (002, 2.2); "The Central and Eastern European markets '
          'have strong consumption capacity" (002, 2.2).'),
        t(c, "platform_development", "markets", MARKETS, {"asean": 1},
          '"Southeast Asia has built several large data centers to ensure the stable operation of e-commerce '
          'platforms" (002, 3.1).'),
        t(c, "market_access", "markets", MARKETS, {"us_market": -1},
          '"The trade war has led to a sharp rise in tariff barriers and regulatory uncertainty" (000, '
          '4.2.1); the three Belt-and-Road segments are the alternatives 000 recommends: "explore alternative '
          'markets such as those along the Belt and Road and RCEP member countries" (000, 4.2.1).'),
        t(c, "tariff_policy", "markets", MARKETS, {"us_market": -2},
          '"the Trump administration further escalated tariff war against China, leading to a sharp increase '
          'in the comprehensive tax rate on Chinese goods exported to the United States" (000, 1). Two tiers '
          'down: the project reads "sharp increase" as decisive.'),
        # ---- factors compared for each market ("what drives exports to this market")
        t(c, "asean", "infrastructure", INFRA, {"online_shopping": 1, "logistics_transport": 1},
          '"Southeast Asia has become the most important export destination with its geographical advantages '
          'and huge market potential" (002, 2.1).'),
        t(c, "central_asia", "infrastructure", INFRA,
          {"digital_infrastructure": 1, "payment_settlement": 1, "logistics_transport": 1},
          '"Relying on the advantages of land trade routes, Central Asia has witnessed the rapid development '
          'of cross-border e-commerce business" (002, 2.1); weak networks "restricts the cross-border '
          'e-commerce business to a certain extent" (002, 3.1); cash payment (002, 3.3).'),
        t(c, "cee", "infrastructure", INFRA, {"logistics_transport": 1},
          '"Central and Eastern Europe have achieved sustained growth in cross-border e-commerce exports with '
          'the help of increased capacity of China-Europe freight trains" (002, 2.1).'),
        t(c, "us_market", "infrastructure", INFRA, {}, "Neither paper says what drives the U.S. market here: equal."),
        t(c, "asean", "institutional", INSTITUTIONAL, {"platform_development": 1},
          'Platforms: "several large data centers to ensure the stable operation of e-commerce platforms" '
          '(002, 3.1).'),
        t(c, "central_asia", "institutional", INSTITUTIONAL, {}, "No statement: equal."),
        t(c, "cee", "institutional", INSTITUTIONAL, {}, "No statement: equal."),
        t(c, "us_market", "institutional", INSTITUTIONAL, {"tariff_policy": 2, "market_access": 1},
          '"Cross-border e-commerce enterprises primarily targeting the U.S. market face severe challenges such '
          'as soaring costs, order losses, and profit margin compression" (000, 1).'),
        # ---- interdependences among the factors that 002 describes
        t(c, "payment_settlement", "infrastructure", ["digital_infrastructure"], {},
          'Payment depends on digital infrastructure: "a wide range of mobile payment applications, laying a '
          'good foundation for the development of cross-border e-commerce" (002, 3.1).'),
        t(c, "logistics_transport", "infrastructure", ["digital_infrastructure"], {},
          'Logistics depends on the digital level: "The level of logistics informatization in less developed '
          'regions is low" (002, 3.2).'),
        t(c, "logistics_transport", "institutional", ["market_access"], {},
          'Logistics depends on clearance at the border: "The timeliness of international logistics is '
          'affected by the customs clearance efficiency of ports" (002, 3.2).'),
        t(c, "online_shopping", "infrastructure", ["digital_infrastructure", "payment_settlement"], {},
          'Online shopping rests on mobile Internet and mobile payment: "a high penetration rate of mobile '
          'payment" (002, 2.2). No basis to rank the two: equal.'),
        t(c, "platform_development", "infrastructure", ["digital_infrastructure"], {},
          'Platforms rest on data centers: "to ensure the stable operation of e-commerce platforms" (002, 3.1).'),
        # ---- clusters
        _clusters(c, "markets", ["infrastructure", "institutional"], {"infrastructure": 1},
                  'The infrastructure factors "significantly affect the export scale", the institutional ones '
                  '"also play an important role" (002, abstract).'),
        _clusters(c, "infrastructure", ["markets", "infrastructure", "institutional"], {"markets": 1},
                  "The project's choice: a factor's influence goes first to the markets it ranks."),
        _clusters(c, "institutional", ["markets", "infrastructure"], {"markets": 1},
                  "The project's choice: a factor's influence goes first to the markets it ranks."),
    ]  # fmt: skip
    names = {
        "asean": "ASEAN (ten countries)",
        "central_asia": "Central Asia (five countries)",
        "cee": "Central and Eastern Europe",
        "us_market": "United States market",
        "digital_infrastructure": "Digital infrastructure",
        "logistics_transport": "Logistics and transportation",
        "payment_settlement": "Payment and settlement",
        "online_shopping": "Online-shopping penetration",
        "platform_development": "E-commerce platform development",
        "market_access": "Market access thresholds",
        "tariff_policy": "Tariff policies",
    }
    describe = {
        "asean": "One of the three Belt-and-Road market segments (002, 2.2); RCEP members (000, 4.2.1).",
        "central_asia": "One of the three Belt-and-Road market segments (002, 2.2).",
        "cee": "One of the three Belt-and-Road market segments (002, 2.2).",
        "us_market": "The incumbent market hit by the tariff escalation (000, 1), the market the alternatives "
        "would reduce dependence on (000, 4.2.1).",
        "digital_infrastructure": "Internet coverage, data centers, cloud services (002, 3.1).",
        "logistics_transport": "Network connectivity, warehousing, timeliness, smart logistics (002, 3.2).",
        "payment_settlement": "Digital payment tools, cross-border payment channels, security (002, 3.3).",
        "online_shopping": "The penetration rate of consumers' online shopping (002, abstract; 2.2).",
        "platform_development": "The development level of e-commerce platforms in the countries (002, abstract).",
        "market_access": "Market access thresholds (002, abstract); regulatory uncertainty (000, 4.2.1).",
        "tariff_policy": "Tariff policies (002, abstract); the U.S. tariff escalation (000, 1).",
    }

    def nodes(ids: list[str]) -> list[dict[str, Any]]:
        return [node(k, names[k], describe[k]) for k in ids]

    return _template(
        "alternative_markets_tariffs",
        "Alternative export markets under tariffs (template from seed papers 002 and 000)",
        "Which export market should a cross-border e-commerce exporter develop when U.S. tariffs rise? Four "
        "markets (the three Belt-and-Road segments of paper 002 and the U.S. market of paper 000) against the "
        "factors paper 002 finds significant, with the interdependences 002 describes (payment, logistics, "
        "online shopping and platforms resting on digital infrastructure; logistics on customs clearance) and "
        "feedback from each market to the factors that drive it. ILLUSTRATIVE: the papers publish no "
        "judgments; every number is the project's reading of a quoted phrase (see the notes). Change them.",
        f"{CITE_002}; with {CITE_000}, sections 1 and 4.2.1.",
        "Illustrative template: the papers publish no judgments. " + RULE + " Modelling choices that are the "
        "project's, not the papers': one control criterion (002 studies one outcome, the export scale, and "
        "supports no control layer); the U.S. market as the fourth alternative (from 000, which 002 does not "
        "discuss); market access and tariffs as two nodes (002 names them separately); feedback from each "
        "market to the factors; the cluster weights; every judgment's size.",
        criteria=[
            {
                "id": c,
                "name": "Export potential",
                "description": "The export scale of China's cross-border e-commerce to a market, the outcome "
                "paper 002 explains (002, abstract).",
            }
        ],
        criteria_comparison={
            "elements": [c],
            "matrix": [[1.0]],
            "note": "One control criterion (our choice).",
        },
        clusters=[
            cluster("markets", "Markets", "The alternatives (002, 2.2; 000, 1 and 4.2.1).", nodes(MARKETS)),
            cluster(
                "infrastructure",
                "Infrastructure and market factors",
                'Factors that "significantly affect the export scale" (002, abstract; 3.1-3.3).',
                nodes(INFRA),
            ),
            cluster(
                "institutional",
                "Institutional factors",
                '"Institutional factors such as the development level of e-commerce platforms in countries along '
                'the route, market access thresholds, and tariff policies" (002, abstract).',
                nodes(INSTITUTIONAL),
            ),
        ],
        comparisons=comps,
        ranked_clusters=["markets"],
    )


# --------------------------------------------------------------------------- 004: operation modes

MODES = ["self_operated", "platform_provided", "enterprise_agent", "integrated_service"]
PROBLEMS = ["logistics_problems", "foreign_laws", "market_side_demand"]
DIGITAL = ["digital_technology", "trade_platform", "digital_operation"]


def operation_modes() -> dict[str, Any]:
    """Seed 004: four operation modes under the policy and market environments (illustrative)."""
    t = _tiers
    comps: list[dict[str, Any]] = []
    for c in ("policy_environment", "market_environment"):
        comps += [
            t(c, "logistics_problems", "modes", MODES, {"integrated_service": 1, "self_operated": 1,
              "platform_provided": -1},
              'Integrated service providers add "transnational logistics and transportation" (004, 4.4); '
              'self-operation makes "use of high-speed development of logistics" (004, 4.1); the platform "does '
              'not participate in the transaction itself" (004, 4.2).'),
            t(c, "foreign_laws", "modes", MODES, {"self_operated": 1, "enterprise_agent": 1},
              'Self-operation has "the grasp of risk-related content" (004, 4.1); agents abroad: '
              '"enterprises can also cooperate with local enterprises" (004, 3.2.3).'),
            t(c, "market_side_demand", "modes", MODES, {"self_operated": 1, "enterprise_agent": 1},
              'Self-operation ensures "personalized customization attributes to meet the needs of various '
              'consumer groups" (004, 4.1); agents "help enterprises carry out product promotion and sales" '
              '(004, 4.3).'),
            t(c, "digital_technology", "modes", MODES, {"integrated_service": 1, "platform_provided": 1},
              'The integrated service provider adds "digital payment means" (004, 4.4); the platform achieves '
              '"synchronized integration of information" (004, 4.2).'),
            t(c, "trade_platform", "modes", MODES, {"platform_provided": 1, "integrated_service": 1},
              'The integrated service provider "has the development advantages of platform operation mode" '
              '(004, 4.4); the platform mode itself (004, 4.2).'),
            t(c, "digital_operation", "modes", MODES, {"integrated_service": 1, "self_operated": 1},
              'The integrated model "is more complete and functional than other operation models" (004, 4.4); '
              'self-operation can "establish a complete set of development processes" (004, 4.1).'),
        ]  # fmt: skip
    # What each criterion makes important (compared once per criterion: every node links to them).
    comps += [
        t("policy_environment", "policy_environment", "external_problems", PROBLEMS, {"foreign_laws": 1},
          '"enterprises must understand the laws and regulations of different regions" (004, 3.1.2).'),
        t("market_environment", "market_environment", "external_problems", PROBLEMS,
          {"market_side_demand": 1, "logistics_problems": 1},
          '"more consumers tend to make product purchases online" and "the related infrastructure supporting '
          'logistics and transportation and online communication continues to improve globally" (004, 5).'),
        t("policy_environment", "policy_environment", "digital_trade", DIGITAL, {},
          "004 relates no digital-trade dimension to policy: equal."),
        t("market_environment", "market_environment", "digital_trade", DIGITAL, {"trade_platform": 1},
          'Platforms serve the market: "pay more attention to the platform to provide consumer group data" '
          '(004, 3.2.2).'),
        _clusters("policy_environment", "policy_environment", ["modes", "external_problems", "digital_trade"],
                  {"modes": 1, "external_problems": 1},
                  "The project's choice: under policy, external problems weigh as much as the modes."),
        _clusters("market_environment", "market_environment", ["modes", "external_problems", "digital_trade"],
                  {"modes": 1, "digital_trade": 1},
                  "The project's choice: under the market, digital trade weighs as much as the modes."),
    ]  # fmt: skip
    names = {
        "self_operated": "Self-operated mode",
        "platform_provided": "Platform-provided mode",
        "enterprise_agent": "Enterprise (agent purchasing and selling) mode",
        "integrated_service": "Integrated service provider mode",
        "logistics_problems": "Logistics and transportation problems",
        "foreign_laws": "Foreign laws and regulations",
        "market_side_demand": "Market-side demand (localisation)",
        "digital_technology": "Digital technology",
        "trade_platform": "Cross-border trade platform",
        "digital_operation": "Digital operation mode",
    }
    describe = {
        "self_operated": "Unified procurement, standardised production, own logistics (004, 4.1).",
        "platform_provided": "The platform only connects buyers and sellers (004, 4.2).",
        "enterprise_agent": "Purchasing and selling on behalf of others, agents abroad (004, 4.3).",
        "integrated_service": "A platform plus payment, transnational logistics and product upgrading (004, 4.4).",
        "logistics_problems": "High cost, long transport times, customs inspection (004, 3.1.1).",
        "foreign_laws": "Different and changing laws and regulations of countries (004, 3.1.2).",
        "market_side_demand": "Different cultures, habits and preferences; localisation (004, 3.1.3).",
        "digital_technology": "A dimension of digital trade (004, abstract).",
        "trade_platform": "A dimension of digital trade: the cross-border trade platform (004, abstract).",
        "digital_operation": "A dimension of digital trade: the digital operation mode (004, abstract).",
    }

    def nodes(ids: list[str]) -> list[dict[str, Any]]:
        return [node(k, names[k], describe[k]) for k in ids]

    return _template(
        "operation_modes_digital_trade",
        "Operation-mode choice under digital trade (template from seed paper 004)",
        "Which operation mode suits a cross-border e-commerce enterprise: self-operated, platform-provided, "
        "enterprise/agent or integrated service provider (004, section 4)? The modes are judged on the external "
        "problems of 004, 3.1 (logistics, foreign laws and regulations, market-side demand) and on the three "
        "dimensions of digital trade (004, abstract), under the two environments 004's conclusion summarises "
        "(policy and market), each with its own weights on the factors. ILLUSTRATIVE: 004 publishes no "
        "judgments; every number is the project's reading of a quoted phrase (see the notes). Change them.",
        CITE_004,
        "Illustrative template: 004 publishes no judgments. " + RULE + " Modelling choices that are the "
        "project's, not the paper's: the two control criteria (from the two summaries of 004, section 5) and "
        "their equal weights; the factors compared once per criterion, so that every node depends on them "
        "(inner dependence); the cluster weights; every judgment's size.",
        criteria=[
            {
                "id": "policy_environment",
                "name": "Policy environment",
                "description": '"First, the cross-border e-commerce industry is summarized from the policy '
                'environment" (004, 5).',
            },
            {
                "id": "market_environment",
                "name": "Market environment",
                "description": '"Second, the cross-border e-commerce industry is summarized from the market '
                'environment" (004, 5).',
            },
        ],
        criteria_comparison={
            "elements": ["policy_environment", "market_environment"],
            "matrix": [[1.0, 1.0], [1.0, 1.0]],
            "note": "004 gives no basis to weigh the two environments: equal.",
        },
        clusters=[
            cluster("modes", "Operation modes", "The alternatives (004, 4.1-4.4).", nodes(MODES)),
            cluster("external_problems", "External problems", "004, 3.1.", nodes(PROBLEMS)),
            cluster("digital_trade", "Digital-trade dimensions", "004, abstract.", nodes(DIGITAL)),
        ],
        comparisons=comps,
        ranked_clusters=["modes"],
    )


# --------------------------------------------------------------------------- 001: supply-chain ecosystem

FLOWS = ["technology_flow", "information_flow", "capital_flow", "logistics_flow"]
MECHANISMS = ["benefit_distribution", "information_sharing", "symbiotic_development"]
ENVIRONMENTS = ["production_environment", "legal_environment", "innovation_environment"]


def supply_chain_ecosystem() -> dict[str, Any]:
    """Seed 001: the three circles as an ecosystem, flows and mechanisms as a network (illustrative)."""
    t = _tiers
    comps: list[dict[str, Any]] = []
    flow_emphasis = {
        "production_environment": ({"logistics_flow": 1},
            'Green production asks enterprises to "optimize the supply chain, and achieve green production" '
            '(001, 3.2.3).'),
        "legal_environment": ({"capital_flow": 1},
            'The department platform provides "customs clearance and foreign exchange settlement" (001, 3.2.2).'),
        "innovation_environment": ({"technology_flow": 1, "information_flow": 1},
            'The technology platform uses "big data, cloud computing, blockchain and other technologies" '
            '(001, 3.2.2).'),
    }  # fmt: skip
    for c in ENVIRONMENTS:
        tiers, why = flow_emphasis[c]
        comps += [
            t(c, "flows", "flows", FLOWS, tiers,
              'The flows "are interconnected on each node enterprise" (001, 4). ' + why),
            t(c, "information_flow", "mechanisms", MECHANISMS, {"information_sharing": 1},
              'The "bullwhip effect" calls for "an operation collaboration based on information sharing" '
              '(001, 4.2).'),
            t(c, "capital_flow", "mechanisms", MECHANISMS, {"benefit_distribution": 1},
              '"the balanced distribution of the income generated in the supply chain ecosystem" (001, 4.1).'),
            t(c, "logistics_flow", "mechanisms", MECHANISMS, {"information_sharing": 1},
              'Big data to "improve the efficiency of cross-border e-commerce logistics and achieve efficient '
              'information circulation" (001, 5.3).'),
            t(c, "technology_flow", "mechanisms", MECHANISMS, {"symbiotic_development": 1},
              '"promote the integration of technology sharing and strategic development ideas among '
              'enterprises" (001, 5.1).'),
            t(c, "benefit_distribution", "flows", FLOWS, {"capital_flow": 1}, "001, 4.1: the income shared."),
            t(c, "information_sharing", "flows", FLOWS, {"information_flow": 1, "technology_flow": 1},
              '"keep in touch with other enterprises in market, technology and other aspects of information" '
              '(001, 4.2).'),
            t(c, "symbiotic_development", "flows", FLOWS, {},
              '"from the perspective of the whole system" (001, 4.3): every flow alike.'),
            _clusters(c, "flows", ["flows", "mechanisms"], {"mechanisms": 1},
                      '"these alone cannot enable all enterprises to develop in harmony" (001, 4): the '
                      "project gives the mechanisms the larger share."),
        ]  # fmt: skip
    flow_names = {
        "technology_flow": ("Technology flow", "001, 4 and Figure 3."),
        "information_flow": ("Information flow", "001, 4 and Figure 3."),
        "capital_flow": ("Capital flow", "001, 4 and Figure 3."),
        "logistics_flow": ("Logistics", "001, 4 and Figure 3: the flow of goods."),
    }
    mech_names = {
        "benefit_distribution": ("Benefit distribution mechanism", "001, 4.1."),
        "information_sharing": ("Information sharing mechanism", "001, 4.2."),
        "symbiotic_development": ("Symbiotic development mechanism", "001, 4.3."),
    }
    env = {
        "production_environment": ("Production environment", "Outer circle (001, 3.1, 3.2.3)."),
        "legal_environment": ("Legal environment", "Outer circle (001, 3.1, 3.2.3)."),
        "innovation_environment": ("Innovation environment", "Outer circle (001, 3.1, 3.2.3)."),
    }
    members_core = [
        node("belt_enterprises", "Enterprises in the industrial belt",
             "Manufacturers, producers and suppliers providing rich and high-quality products (001, 3.2.1)."),
        node("cbec_enterprises", "Cross-border e-commerce enterprises",
             "The midstream: connect suppliers above and overseas consumers below (001, 3.2.1)."),
        node("cbec_platforms_001", "Cross-border e-commerce platforms", "In the core circle (001, 3.2.1)."),
    ]  # fmt: skip
    members_service = [
        node("logistics_platform", "Logistics platform",
             "Road, air and sea transport; overseas warehouses and bonded areas (001, 3.2.2)."),
        node("financial_platform", "Financial platform",
             "Payment and settlement, financing, credit evaluation (001, 3.2.2)."),
        node("government_platform", "Government platform",
             "Policy support and laws and regulations: the institutional guarantee (001, 3.2.2)."),
        node("department_platform", "Department platform (customs)",
             "Customs clearance, foreign exchange settlement, inventory management (001, 3.2.2)."),
        node("technology_platform", "Technology platform",
             "Big data, cloud computing, blockchain: intelligent support (001, 3.2.2)."),
        node("universities_research", "Universities and scientific research institutions",
             "Cooperative research and development, personnel training (001, 3.2.2)."),
    ]  # fmt: skip
    relations = [
        ("sub_core_sphere", "core_circle", "support the development of the core circle (001, 3.1)"),
        ("cbec_enterprises", "belt_enterprises", "production suggestions from big data (001, 3.2.1)"),
        ("logistics_platform", "logistics_flow", "transport, overseas warehouses (001, 3.2.2)"),
        ("financial_platform", "capital_flow", "stability of the capital flow (001, 3.2.2)"),
        ("department_platform", "logistics_flow", "customs clearance (001, 3.2.2)"),
        ("technology_platform", "information_flow", "data summarised for decisions (001, 3.2.2)"),
        ("universities_research", "technology_flow", "research and talent (001, 3.2.2)"),
        ("government_platform", "core_circle", "institutional basis (001, 3.2.2)"),
        ("core_circle", "benefit_distribution", "core enterprises develop it (001, 4.1)"),
        ("core_circle", "information_sharing", "core enterprises keep in touch (001, 4.2)"),
        ("symbiotic_development", "sub_core_sphere", "every enterprise's life cycle (001, 4.3)"),
        ("production_environment", "core_circle", "green production (001, 3.2.3)"),
        ("legal_environment", "core_circle", "exchange with the outer circle (001, 3.2.3)"),
        ("innovation_environment", "core_circle", "exchange with the outer circle (001, 3.2.3)"),
    ]
    return _template(
        "supply_chain_ecosystem_001",
        "Supply-chain ecosystem of industrial belts: three circles and three mechanisms (template from seed 001)",
        "Paper 001's supply-chain ecosystem: a core circle (industrial-belt enterprises, cross-border "
        "e-commerce enterprises and platforms), a sub-core service sphere of six platforms that supports it, "
        "and an outer environment circle (production, legal and innovation environments), kept stable by three "
        "mechanisms (benefit distribution, information sharing, symbiotic development) acting on the four "
        "flows that tie the enterprises together. The Ecosystem page draws the circles (the outer circle as "
        "the environment band); the network weighs the flows and mechanisms under each outer environment. "
        "ILLUSTRATIVE: 001 publishes no judgments; every number is the project's reading of a quoted phrase.",
        CITE_001,
        "Illustrative template: 001 publishes no judgments and no network. "
        + RULE
        + " Modelling choices that "
        "are the project's, not the paper's: the outer circle's three environments as the control criteria, "
        "with equal weights; the flows and mechanisms as the network (the circles' members are drawn, not "
        "weighed); the links between flows and mechanisms read from the quoted phrases; the cluster weights; "
        "every judgment's size. 001's circles are drawn with paper 000's population roles (core circle as the "
        "key population, service sphere as the supporting population): a mapping 001 does not make.",
        ecosystem={
            "title": "Supply-chain ecosystem of industrial belts and cross-border e-commerce (seed paper 001, "
            "Figure 1)",
            "populations": [
                {
                    "id": "core_circle",
                    "name": "Core circle",
                    "role": "key",
                    "description": "Enterprises in the industrial belt and cross-border e-commerce enterprises "
                    '"form the core circle of the supply chain ecosystem, and their advantages complement each '
                    'other" (001, 3.1).',
                    "members": members_core,
                },
                {
                    "id": "sub_core_sphere",
                    "name": "Sub-core service sphere",
                    "role": "supporting",
                    "description": '"The sub core sphere is mainly composed of various service entities, which '
                    'support the development of the core sphere" (001, 3.2.2): six platforms.',
                    "members": members_service,
                },
            ],
            "relations": [{"source": s, "target": d, "label": lab} for s, d, lab in relations],
        },
        criteria=[{"id": k, "name": env[k][0], "description": env[k][1]} for k in ENVIRONMENTS],
        criteria_comparison={
            "elements": ENVIRONMENTS,
            "matrix": [[1.0] * 3 for _ in range(3)],
            "note": "001 gives no basis to weigh the environments: equal.",
        },
        clusters=[
            cluster(
                "flows",
                "Flows",
                '"the technology flow, information flow, capital flow and logistics" (001, 4).',
                [node(k, *flow_names[k]) for k in FLOWS],
            ),
            cluster(
                "mechanisms",
                "Stability mechanisms",
                '"the following three mechanisms are needed for the '
                'stable operation of the supply chain ecosystem" (001, 4).',
                [node(k, *mech_names[k]) for k in MECHANISMS],
            ),
        ],
        comparisons=comps,
    )


TEMPLATES = {
    "alternative_markets_002.json": alternative_markets,
    "operation_modes_004.json": operation_modes,
    "supply_chain_ecosystem_001.json": supply_chain_ecosystem,
}
TEMPLATES = with_zh(TEMPLATES, TEMPLATES_ZH)  # Chinese names and texts: scripts/zh_translations.py


def main() -> None:
    """Write every template (each is validated before it is written)."""
    for filename, build in TEMPLATES.items():
        write_model(build(), OUT / filename)
        print(f"wrote {OUT / filename}")


if __name__ == "__main__":
    main()
