"""Words that decide facts deterministically: killed versus injured; the names of months and
days, written with a capital ("5 may have died" names no month)."""

from __future__ import annotations

import re

KILL_WORDS = re.compile(r"\b(kill\w*|dead|died|dies|death\w*|fatalit\w*|lost their lives)\b", re.I)
HURT_WORDS = re.compile(r"\b(injur\w*|wound\w*|hurt|casualt\w*)\b", re.I)

# Alternations (no group), for regexes that need a month or a weekday beside a number or a word.
MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
WEEKDAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
