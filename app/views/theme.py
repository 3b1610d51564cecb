"""The app's look: the colours of the plan PDF, Material 3, touch targets of at least 48 px.

The font is Flutter's bundled Roboto: it draws every character of the questionnaires
(€ ≈ ≥ « » m² and the narrow no-break space of French numbers) with real bold weights;
the app writes « CO2 » because Roboto has no subscript two.
"""

from __future__ import annotations

import flet as ft

PRIMARY = "#165E6E"
ACCENT = "#5EA04A"
WARNING = "#B5462F"
AMBER = "#B7791F"
MUTED = "#5A6468"
SURFACE = "#F4F7F8"
CARD = "#FFFFFF"
LINE = "#D5E0E3"
PRIMARY_SOFT = "#E3EFF1"
ACCENT_SOFT = "#E8F3E3"
WARNING_SOFT = "#F8E6E1"
AMBER_SOFT = "#FBF1DE"
ACCENT_INK = "#3D7A2E"
AMBER_INK = "#8A5A12"
WARNING_INK = "#9C3A26"
"""Green, amber and red for small text on ``ACCENT_SOFT`` / ``AMBER_SOFT`` / ``WARNING_SOFT``
(pills): ACCENT, AMBER and WARNING there give 2.8:1, 3.2:1 and 4.48:1; these reach WCAG AA's
4.5:1 (tests/app/test_contrast.py)."""

TOUCH = 48
WIDE = 840
CONTENT_MAX = 960

KIND_ICONS = {
    "energy": ft.Icons.BOLT,
    "rse": ft.Icons.ECO,
    "label": ft.Icons.WORKSPACE_PREMIUM,
    "other": ft.Icons.ASSIGNMENT,
}
KIND_NAMES = {
    "energy": "Énergie",
    "rse": "RSE (DEAR)",
    "label": "Label artisanal",
    "other": "Audit",
}


def app_theme() -> ft.Theme:
    button_shape = ft.RoundedRectangleBorder(radius=10)
    button = ft.ButtonStyle(shape=button_shape, padding=ft.Padding.symmetric(horizontal=18))
    return ft.Theme(
        color_scheme_seed=PRIMARY,
        color_scheme=ft.ColorScheme(primary=PRIMARY, secondary=ACCENT, error=WARNING),
        filled_button_theme=ft.FilledButtonTheme(style=button),
        outlined_button_theme=ft.OutlinedButtonTheme(style=button),
        text_button_theme=ft.TextButtonTheme(style=button),
    )


FIELD_BORDER = ft.OutlineInputBorder(border_radius=10)
