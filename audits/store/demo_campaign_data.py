"""The invented shops of a town-centre campaign: activities, names, streets and energy habits.

Figures are plausible for French small shops (domain.md §4: intensities of 150 to 400 kWh/m²
a year for food shops, 100 to 200 for others); names and owners are invented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Trade:
    """One kind of shop: what it is called and how it uses energy."""

    activity: str  # the energie-commerce ``activite`` code
    label: str
    naf: str
    names: tuple[str, ...]
    surface: tuple[int, int]  # sales area, m²
    kwh_per_m2: tuple[int, int]  # electricity, on the total area
    gas_share: float  # how many of them also burn gas
    halogen_share: float
    open_cases_m: tuple[float, float]  # open chilled display cases, metres
    weight: int  # how common it is in a town centre


TRADES: tuple[Trade, ...] = (
    Trade("boulangerie", "boulangerie", "10.71C", ("Boulangerie {n}", "Au Fournil de {n}"),
          (35, 70), (250, 420), 0.4, 0.2, (0.0, 2.0), 8),
    Trade("boucherie", "boucherie", "47.22Z", ("Boucherie {n}", "Maison {n}, boucher"),
          (30, 60), (260, 400), 0.1, 0.2, (2.0, 6.0), 4),
    Trade("alimentation", "épicerie", "47.29Z", ("Épicerie {n}", "Primeurs {n}", "Fromagerie {n}"),
          (40, 150), (220, 380), 0.1, 0.3, (1.0, 5.0), 7),
    Trade("restaurant", "restaurant", "56.10A", ("Restaurant {n}", "Le Bistrot de {n}"),
          (50, 140), (200, 320), 0.6, 0.3, (0.0, 1.5), 7),
    Trade("cafe", "café", "56.30Z", ("Café {n}", "Le Bar de {n}"),
          (40, 110), (180, 300), 0.2, 0.3, (0.0, 1.0), 5),
    Trade("coiffure", "coiffure", "96.02A", ("Coiffure {n}", "Salon {n}"),
          (30, 80), (120, 200), 0.1, 0.5, (0.0, 0.0), 7),
    Trade("habillement", "habillement", "47.71Z", ("Boutique {n}", "{n} Prêt-à-porter"),
          (50, 180), (100, 190), 0.05, 0.7, (0.0, 0.0), 9),
    Trade("pharmacie", "pharmacie", "47.73Z", ("Pharmacie {n}",),
          (80, 200), (120, 200), 0.1, 0.3, (0.0, 0.0), 3),
    Trade("equipement_maison", "équipement de la maison", "47.59B", ("Maison {n}", "Déco {n}"),
          (60, 200), (90, 160), 0.05, 0.6, (0.0, 0.0), 4),
    Trade("services", "services", "47.61Z", ("Librairie {n}", "Fleurs {n}", "Optique {n}"),
          (30, 100), (90, 170), 0.05, 0.5, (0.0, 0.0), 6),
)  # fmt: skip

SURNAMES = (
    "Arnaud", "Barral", "Benali", "Blanc", "Bonnefoy", "Chabaud", "Chauvet", "Espitalier",
    "Fabre", "Faure", "Giraud", "Guende", "Imbert", "Jourdan", "Laugier", "Marcellin", "Martin",
    "Michel", "Nicolas", "Pellegrin", "Reynaud", "Richaud", "Roux", "Roubaud", "Silvestre",
    "Tamisier", "Vidal", "Villeneuve", "Aubert", "Chiappe", "Durand", "Mouret",
)  # fmt: skip
FIRST_NAMES = (
    "Hélène", "Julien", "Léa", "Claire", "Marc", "Sophie", "Thomas", "Nadia", "Paul", "Rémi",
    "Camille", "Karim", "Anaïs", "Lucas", "Inès", "Mathieu", "Chloé", "Yannick",
)  # fmt: skip
STREETS = (
    "rue des Marchands", "place de la Bouquerie", "rue de la République", "cours Lauze de Perret",
    "rue Saint-Pierre", "place Gabriel Péri", "rue du Docteur Gros", "quai Léon Sagy",
)  # fmt: skip
ADVISORS = ("Claire Martin", "Youssef Haddad", "Élodie Roche")
CAMPAIGN = "Commerces économes du centre-ville d'Apt"
ORGANISER = "Union des commerçants et artisans d'Apt"
COMMUNE = "Apt"
POSTCODE = "84400"

OBSERVATIONS = (
    "Dirigeant très intéressé par les économies d'éclairage.",
    "Factures de l'année à transmettre par courriel.",
    "Local loué : travaux sur le bâti à voir avec le propriétaire.",
    "Bonne dynamique, l'équipe applique déjà plusieurs écogestes.",
)
