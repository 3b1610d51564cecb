"""Group-purchase opportunities: the same equipment needed by many shops of one campaign.

An association can negotiate LED lamps, chilled-case doors or programmable thermostats for
all its members at once. Each rule names a catalogue action and the answers that count what
to buy (spots, metres of cases…); shops whose plan keeps the action add their quantities.
A rule whose action the questionnaire lacks simply finds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from audits.collective.models import GroupPurchase, ShopResult
from audits.report import fmt


@dataclass(frozen=True)
class PurchaseRule:
    action_key: str
    has: str  # « ont des spots halogènes » (plural; the singular is derived)
    quantities: tuple[str, ...]  # answers summed; empty: one item per shop
    unit: str
    verb: str


RULES = (
    PurchaseRule("led_spots_halogenes", "ont des spots halogènes", ("nb_spots_halogenes",),
                 "spots", "à remplacer par des LED"),
    PurchaseRule("led_luminaires", "ont des luminaires fluorescents ou à iodures",
                 ("nb_luminaires_fluo", "nb_projecteurs_iodures"), "luminaires LED", "à acheter"),
    PurchaseRule("portes_vitrines_positives", "ont des meubles frigorifiques ouverts",
                 ("longueur_vitrines_ouvertes",), "m de portes vitrées", "à poser"),
    PurchaseRule("rideaux_nuit_couvercles", "ont du froid ouvert sans rideau ni couvercle",
                 ("longueur_vitrines_ouvertes", "longueur_bacs_negatifs_ouverts"),
                 "m de rideaux de nuit et de couvercles", "à poser"),
    PurchaseRule("detecteurs_presence", "éclairent leurs réserves sans détecteur",
                 ("nb_zones_sans_detecteur",), "détecteurs de présence", "à installer"),
    PurchaseRule("programmer_chauffage", "n'ont pas de programmation du chauffage", (),
                 "thermostats programmables", "à installer"),
    PurchaseRule("eteindre_enseigne_vitrine_fermeture", "éteignent enseigne ou vitrine à la main",
                 (), "horloges programmables", "à installer"),
    PurchaseRule("poser_mousseurs", "n'ont pas de mousseurs", ("nb_robinets",),
                 "mousseurs", "à poser"),
    PurchaseRule("couper_veilles", "laissent des appareils en veille", (),
                 "lots de multiprises à interrupteur", "à fournir"),
)  # fmt: skip

SINGULAR = {"ont": "a", "n'ont": "n'a", "éclairent": "éclaire", "éteignent": "éteint",
            "laissent": "laisse", "leurs": "ses"}  # fmt: skip


def group_purchases(shops: Sequence[ShopResult]) -> list[GroupPurchase]:
    """Opportunities found, the most shops first."""
    found = [purchase for rule in RULES if (purchase := _purchase(rule, shops)) is not None]
    return sorted(found, key=lambda p: (-p.shops, p.action_key))


def _purchase(rule: PurchaseRule, shops: Sequence[ShopResult]) -> GroupPurchase | None:
    concerned = [shop for shop in shops if _keeps(shop, rule.action_key)]
    if not concerned:
        return None
    if rule.quantities:
        quantity = sum(shop.quantities.get(q, 0.0) for shop in concerned for q in rule.quantities)
    else:
        quantity = float(len(concerned))
    return GroupPurchase(
        action_key=rule.action_key,
        shops=len(concerned),
        quantity=quantity,
        unit=rule.unit,
        text=sentence(rule, len(concerned), quantity),
    )


def _keeps(shop: ShopResult, action_key: str) -> bool:
    return any(line.action_key == action_key and line.status != "rejected" for line in shop.lines)


def sentence(rule: PurchaseRule, shops: int, quantity: float) -> str:
    """« 23 commerces ont des spots halogènes : environ 540 spots à remplacer par des LED »."""
    if shops == 1:
        has = " ".join(SINGULAR.get(word, word) for word in rule.has.split())
        who = "1 commerce"
    else:
        has, who = rule.has, f"{shops} commerces"
    amount = fmt.number(quantity, 0 if float(quantity).is_integer() or quantity >= 10 else 1)
    about = "environ " if rule.quantities else ""
    return f"{who} {has} : {about}{amount} {rule.unit} {rule.verb}"
