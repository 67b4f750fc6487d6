"""Words that decide facts deterministically: killed versus injured."""

from __future__ import annotations

import re

KILL_WORDS = re.compile(r"\b(kill\w*|dead|died|dies|death\w*|fatalit\w*|lost their lives)\b", re.I)
HURT_WORDS = re.compile(r"\b(injur\w*|wound\w*|hurt|casualt\w*)\b", re.I)
