"""The closed sets of values the output contract uses (organisation type, honour level, figure
kind), in a module of their own: the pydantic models (``models.py``) and the lexicon row checks
(``lexicon_rows.py``) share them, and the batch path checks lexicons without importing pydantic."""
from typing import Literal

OrgType = Literal["union", "party", "government", "enterprise", "school", "hospital",
                  "community", "media", "team", "other"]
Level = Literal["national", "provincial", "municipal", "county", "industry", "enterprise"]
FigureKind = Literal["money", "percent", "count", "score", "duration", "age", "measure",
                     "temperature", "other"]
