"""The little knowledge the reading layer keeps, as lemmas (what spaCy's lemmatizer gives).

A new word is a new entry here, never a new pattern: grammar (who is the subject of what, what a
number counts, what is negated) comes from the parse.
"""

from __future__ import annotations

# Verbs, nouns and adjectives that say people died or were hurt; each names the figure it gives.
KILLED = frozenset({
    "kill", "die", "dead", "death", "fatality", "slay", "perish", "succumb", "martyr", "toll",
    "massacre", "execute", "behead", "life", "killed", "martyred", "slain",
})  # fmt: skip
INJURED = frozenset({
    "wound", "injure", "hurt", "injury", "maim", "wounded", "injured", "hospitalise",
    "hospitalize",
})  # fmt: skip
# Casualties without saying which: "no casualties" is nobody killed or hurt.
EITHER = frozenset({"casualty"})
# Other fates a count may be governed by: not a casualty figure, but never misread as one.
OTHER_FATE = frozenset({
    "miss", "missing", "abduct", "kidnap", "capture", "detain", "arrest", "seize", "rescue",
    "release", "survive", "evacuate",
})  # fmt: skip

# Verbs whose subject states what follows ("the ministry said ...").
REPORTING = frozenset({
    "say", "tell", "tweet", "claim", "confirm", "announce", "report", "add", "state", "quote",
    "write", "post", "allege", "insist", "deny", "note", "explain", "declare", "assert",
    "estimate", "put", "give", "cite", "warn", "disclose", "reveal", "indicate", "inform",
    "acknowledge", "admit", "stress", "accuse", "blame", "describe",
})  # fmt: skip
# Nouns of a statement: "in a statement", "a document ... gave a death toll".
STATEMENT = frozenset({"statement", "communique", "tweet", "post", "release", "report", "document"})

# Nouns of people a figure counts; names of nationalities and groups come from the parse (NORP).
PEOPLE = frozenset({
    "soldier", "serviceman", "servicewoman", "servicemember", "member", "troop", "trooper",
    "civilian", "people", "person", "personnel", "peacekeeper", "helmet", "monitor", "observer",
    "officer", "policeman", "policewoman", "police", "fighter", "child", "boy", "girl", "woman",
    "man", "guard", "driver", "crew", "staff", "militant", "gendarme", "marine", "other",
    "national", "citizen", "worker", "contractor", "journalist", "resident", "villager",
    "protester", "demonstrator", "individual", "commando", "paratrooper", "legionnaire",
    "conscript", "private", "sergeant", "captain", "lieutenant", "colonel", "general", "major",
    "commander", "victim", "casualty", "cadet", "recruit", "medic", "engineer", "pilot",
    "passenger", "farmer", "student", "pedestrian", "jawan", "terrorist", "insurgent",
    "rebel", "jihadist", "attacker", "gunman", "assailant", "reporter", "interpreter",
    "paramedic", "advisor", "adviser", "escort", "occupant", "official", "employee", "staffer",
    "cameraman", "photographer", "operator", "volunteer", "policemen", "men", "women",
    "children", "troops", "forces", "force", "unit", "agent", "ranger", "militiaman",
})  # fmt: skip
# Counts of these are never counts of people.
NOT_PEOPLE = frozenset({
    "vehicle", "car", "truck", "tank", "jeep", "apc", "helicopter", "drone", "patrol", "convoy",
    "km", "kilometre", "kilometer", "mile", "metre", "meter", "day", "hour", "week", "month",
    "year", "time", "round", "shell", "rocket", "mortar", "bomb", "mine", "percent", "minute",
})  # fmt: skip

# Acts of violence a named group does ("a bomb planted by rebels", "militants ambushed ...").
ACTS = frozenset({
    "attack", "ambush", "plant", "detonate", "explode", "blow", "fire", "shoot", "shell",
    "launch", "target", "strike", "hit", "raid", "storm", "bomb", "kill", "wound", "carry",
    "lay", "trigger", "set", "throw", "stone", "block", "assault", "open", "abduct", "kidnap",
    "loot", "rob", "seize", "burn", "torch", "claim",
})  # fmt: skip

# What happened to a patrol, as the words name it: each kind of act with the lemmas (or lemma
# phrases) that name it. ``reading.acts`` finds them in the parse; the first named act of an
# event decides its type (``extraction.evidence.incident_type``). NAMED acts are compared by
# position; the GENERIC ones count only where no named act is written.
NAMED_ACTS: dict[str, tuple[str, ...]] = {
    "suicide_bombing": ("suicide",),
    "vehicle_borne_bomb": ("car bomb", "car bombing", "car - bomb", "vbied", "vehicle - borne",
                           "truck bomb"),
    "roadside_bomb": ("roadside bomb", "ied", "improvised explosive", "roadside device"),
    "landmine": ("landmine", "land mine", "mine"),
    "shelling_or_missile": ("rocket", "rpg", "mortar", "missile", "shell", "shelling",
                            "artillery"),
    "air_or_drone_strike": ("airstrike", "air strike", "air raid", "drone", "uav",
                            "unmanned aerial vehicle", "warplane"),
    "grenade": ("grenade",),
    "armed_clash": ("gunfire", "small arm", "small - arm", "gunman", "gun battle", "gunbattle",
                    "firefight", "shoot", "shot", "shooting", "open fire", "sniper",
                    "exchange of fire", "fire on", "fire at", "fire upon", "fire into"),
    "abduction": ("abduct", "abduction", "kidnap", "kidnapping", "hostage", "detain",
                  "capture"),
    "looting_or_robbery": ("loot", "looting", "rob", "robbery", "steal", "disarm"),
    "protest_obstruction": ("stone", "stone - throwing", "protester", "demonstrator", "protest",
                            "crowd", "mob", "riot", "block the road", "intercept"),
    "vehicle_collision": ("collide", "collision", "overturn", "crash"),
}  # fmt: skip
# Acts that are the event only when the article tells them first (an ambush in which trucks are
# also seized is an ambush; "suspects were detained" after an attack is a follow-on).
LEADING_ONLY_ACTS = frozenset({"abduction", "looting_or_robbery"})
# Who attacks when an attack is crowd violence ("a group of civilians wielding rods attacked the
# patrol"): the attack is a protest or obstruction, not an armed clash.
CROWD = frozenset({
    "civilian", "crowd", "mob", "resident", "villager", "protester", "demonstrator", "youth",
    "local", "people", "inhabitant",
})  # fmt: skip
GENERIC_ACTS: dict[str, tuple[str, ...]] = {
    "explosion_unspecified": ("explosion", "explode", "blast", "bomb", "bombing", "detonate",
                              "explosive"),
    "armed_clash": ("ambush", "attack", "assault", "raid"),
}  # fmt: skip

# Nouns of one patrol or convoy: the event happens to what they name.
PATROL = frozenset({"patrol", "convoy", "escort", "column", "motorcade"})

# Words that set what a sentence tells apart from the event told before it ("another patrol",
# "a similar blast", "in a separate attack", "an earlier ambush").
OTHER_EVENT = frozenset({"another", "similar", "separate", "earlier", "previous", "prior"})
FORCE_VEHICLES = frozenset({"vehicle", "truck", "tank", "jeep", "apc", "helicopter", "humvee"})
# Who and what an incident on a patrol or convoy happens to, beside the patrol nouns: forces and
# their vehicles ("a suicide bomber attacked a convoy", "two soldiers were killed", "an IED hit
# a security forces vehicle"). A sentence that names none of them tells of somebody else.
FORCES = frozenset({
    "soldier", "serviceman", "servicewoman", "servicemember", "troop", "trooper", "peacekeeper",
    "helmet", "monitor", "observer", "policeman", "policewoman", "police", "guard", "gendarme",
    "marine", "commando", "paratrooper", "legionnaire", "conscript", "jawan", "personnel",
    "force", "army", "military", "battalion", "unit", "mission", "contingent", "escort",
    "militia", "militiaman", "ranger",
}) | FORCE_VEHICLES  # fmt: skip
