"""Sample shops of one street of a Provence town, for demonstrations and training.

Rue des Marchands in Apt (Vaucluse): the businesses are invented, as are their owners and
SIRETs (made valid by computing their Luhn keys). ``answers`` holds the facts of each shop
per questionnaire id; questions not listed get plausible values from the demo filler.
"""

from __future__ import annotations

from typing import Any

STREET = "rue des Marchands"
POSTCODE = "84400"
COMMUNE = "Apt"
CAMPAIGN = "Commerces économes de la rue des Marchands"
CAMPAIGN_ORGANISER = "Union des commerçants et artisans d'Apt"

Shop = dict[str, Any]

SHOPS: list[Shop] = [
    {
        "name": "Boulangerie-Pâtisserie Au Pain du Luberon",
        "naf": "10.71C", "activity": "boulangerie", "number": 4, "surface_m2": 95, "staff": 5,
        "contact_name": "Hélène Marcellin",
        "answers": {
            "energie-commerce": {"activite": "boulangerie", "surface_vente": 45,
                                 "surface_totale": 95, "energies": ["electricite", "gaz"],
                                 "energie_four": "electricite", "puissance_four_kw": 36},
            "rse-dear": {"metier": "boulangerie_patisserie", "effectif": 5},
            "label-artisanat": {"famille": "bouche", "metier_bouche": "boulanger",
                                "metier_exerce": "Boulanger-pâtissier",
                                "specialite_signature": "Fougasse aux olives de Nyons"},
        },
        "status": {"energie-commerce": "signed", "rse-dear": "completed",
                   "label-artisanat": "draft"},
    },
    {
        "name": "Boucherie-Charcuterie Maison Roux",
        "naf": "47.22Z", "activity": "boucherie", "number": 9, "surface_m2": 70, "staff": 3,
        "contact_name": "Julien Roux",
        "answers": {
            "energie-commerce": {"activite": "boucherie", "surface_vente": 40,
                                 "surface_totale": 70, "energies": ["electricite"],
                                 "longueur_vitrines_ouvertes": 4},
            "rse-dear": {"metier": "boucherie_charcuterie", "effectif": 3},
        },
        "status": {"energie-commerce": "signed", "rse-dear": "draft"},
    },
    {
        "name": "L'Atelier de Léa, coiffure",
        "naf": "96.02A", "activity": "coiffure", "number": 12, "surface_m2": 55, "staff": 2,
        "contact_name": "Léa Chabaud",
        "answers": {
            "energie-commerce": {"activite": "coiffure", "surface_vente": 40,
                                 "surface_totale": 55, "energies": ["electricite"]},
            "rse-dear": {"metier": "coiffure_esthetique", "effectif": 2},
        },
        "status": {"energie-commerce": "completed", "rse-dear": "signed"},
    },
    {
        "name": "Lavande et Lin, prêt-à-porter",
        "naf": "47.71Z", "activity": "habillement", "number": 15, "surface_m2": 120, "staff": 2,
        "contact_name": "Claire Espitalier",
        "answers": {
            "energie-commerce": {"activite": "habillement", "surface_vente": 100,
                                 "surface_totale": 120, "energies": ["electricite"],
                                 "technos_eclairage": ["halogene", "led"],
                                 "nb_spots_halogenes": 24, "puissance_spot_halogene": 50},
        },
        "status": {"energie-commerce": "signed"},
    },
    {
        "name": "Restaurant La Table du Calavon",
        "naf": "56.10A", "activity": "restaurant", "number": 21, "surface_m2": 180, "staff": 7,
        "contact_name": "Marc Giraud",
        "answers": {
            "energie-commerce": {"activite": "restaurant", "surface_vente": 110,
                                 "surface_totale": 180, "energies": ["electricite", "gaz"],
                                 "climatisation": True},
            "rse-dear": {"metier": "restauration", "effectif": 7},
        },
        "status": {"energie-commerce": "draft", "rse-dear": "completed"},
    },
    {
        "name": "Confiserie Les Fruits Confits d'Apt",
        "naf": "10.82Z", "activity": "confiserie", "number": 26, "surface_m2": 140, "staff": 6,
        "contact_name": "Sophie Bonnefoy",
        "answers": {
            "energie-commerce": {"activite": "alimentation", "surface_vente": 60,
                                 "surface_totale": 140, "energies": ["electricite", "gaz"]},
            "rse-dear": {"metier": "chocolaterie_confiserie_glacier", "effectif": 6},
            "label-artisanat": {"famille": "bouche", "metier_bouche": "chocolatier_confiseur",
                                "metier_exerce": "Confiseur",
                                "specialite_signature": "Fruits confits d'Apt"},
        },
        "status": {"energie-commerce": "completed", "rse-dear": "signed",
                   "label-artisanat": "completed"},
    },
    {
        "name": "Fromagerie Les Alpages",
        "naf": "47.29Z", "activity": "fromagerie", "number": 30, "surface_m2": 50, "staff": 2,
        "contact_name": "Thomas Reynaud",
        "answers": {
            "energie-commerce": {"activite": "alimentation", "surface_vente": 30,
                                 "surface_totale": 50, "energies": ["electricite"]},
        },
        "status": {"energie-commerce": "draft"},
    },
    {
        "name": "Fleurs de Provence",
        "naf": "47.76Z", "activity": "fleuriste", "number": 33, "surface_m2": 45, "staff": 1,
        "contact_name": "Nadia Benali",
        "answers": {
            "energie-commerce": {"activite": "services", "surface_vente": 35,
                                 "surface_totale": 45, "energies": ["electricite"]},
        },
        "status": {"energie-commerce": "signed"},
    },
    {
        "name": "Librairie La Plume du Calavon",
        "naf": "47.61Z", "activity": "librairie", "number": 38, "surface_m2": 85, "staff": 2,
        "contact_name": "Paul Arnaud",
        "answers": {
            "energie-commerce": {"activite": "services", "surface_vente": 70,
                                 "surface_totale": 85, "energies": ["electricite"]},
        },
        "status": {},
    },
    {
        "name": "Le Grand Café des Marchands",
        "naf": "56.30Z", "activity": "café", "number": 41, "surface_m2": 110, "staff": 4,
        "contact_name": "Rémi Fabre",
        "answers": {
            "energie-commerce": {"activite": "cafe", "surface_vente": 80,
                                 "surface_totale": 110, "energies": ["electricite"]},
        },
        "status": {"energie-commerce": "draft"},
    },
]  # fmt: skip

TEXTS = (
    "Vu avec le gérant lors de la visite.",
    "À confirmer avec les factures de l'année.",
    "Pratique en place depuis deux ans.",
    "Le dirigeant souhaite être accompagné sur ce point.",
)
