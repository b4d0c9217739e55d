"""The upload template: every contract column in order, with example rows to overwrite."""

from __future__ import annotations

import pandas as pd

from ssedash import schema


def template_frame() -> pd.DataFrame:
    """The upload template: every contract column in order and two example rows to overwrite."""
    rows = [
        {
            "year": "2025",
            "local_government": "Example City (delete this row)",
            "country": "KOR",
            "programme": "Example programme",
            "edition": "",
            "participants": "3",
            "role": "mayor",
            "gender": "female",
            "latitude": "37.5665",
            "longitude": "126.9780",
            "admin_level": "city",
            "source_url": "https://example.org/programme-2025",
            "event_kind": "training",
        },
        {
            "year": "2025",
            "local_government": "Example Town (delete this row)",
            "country": "Senegal",
            "programme": "Example programme",
            "edition": "",
            "participants": "",
            "role": "official",
            "gender": "",
            "latitude": "",
            "longitude": "",
            "admin_level": "commune",
            "source_url": "",
            "event_kind": "training",
        },
    ]
    return pd.DataFrame(rows, columns=list(schema.UPLOAD_COLUMNS))
