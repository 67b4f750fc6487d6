"""Countries and the adjectives of their forces: the one table the reader (extraction/geo.py:
'joint Russian-Turkish patrol', 'Chadian peacekeepers') and the writer (prose.py: 'the joint
Russian–Turkish patrol') share. Imports nothing of the package. Extend freely."""

from __future__ import annotations

# adjective as written -> country; the first adjective of a country is the one prose writes
DEMONYMS: dict[str, str] = {
    "Russian": "Russia", "Turkish": "Turkey", "Syrian": "Syria", "Iranian": "Iran",
    "Iraqi": "Iraq", "American": "United States", "US": "United States", "U.S.": "United States",
    "British": "United Kingdom", "French": "France", "German": "Germany", "Israeli": "Israel",
    "Lebanese": "Lebanon", "Jordanian": "Jordan", "Ukrainian": "Ukraine", "Malian": "Mali",
    "Chadian": "Chad", "Nigerien": "Niger", "Somali": "Somalia", "Kenyan": "Kenya",
    "Ethiopian": "Ethiopia", "Sudanese": "Sudan", "Congolese": "DR Congo", "Afghan": "Afghanistan",
    "Pakistani": "Pakistan", "Indian": "India", "Egyptian": "Egypt", "Libyan": "Libya",
    "Yemeni": "Yemen", "Saudi": "Saudi Arabia", "Armenian": "Armenia", "Azerbaijani": "Azerbaijan",
    "Georgian": "Georgia", "Italian": "Italy", "Spanish": "Spain", "Polish": "Poland",
    "Irish": "Ireland", "Nepalese": "Nepal", "Ghanaian": "Ghana", "Indonesian": "Indonesia",
    "Chinese": "China", "Kurdish": "Kurdish forces", "Turkiye": "Turkey", "Türkiye": "Turkey",
    "Burkinabe": "Burkina Faso", "Nigerian": "Nigeria", "Cameroonian": "Cameroon",
    "Central African": "Central African Republic", "South Sudanese": "South Sudan",
    "Rwandan": "Rwanda", "Senegalese": "Senegal", "Togolese": "Togo", "Bangladeshi": "Bangladesh",
    "Tanzanian": "Tanzania", "Malawian": "Malawi", "Ugandan": "Uganda", "Burundian": "Burundi",
    "Mozambican": "Mozambique", "Guinean": "Guinea", "Ivorian": "Ivory Coast",
    "Mauritanian": "Mauritania", "Algerian": "Algeria", "Moroccan": "Morocco",
    "Tunisian": "Tunisia", "Kosovar": "Kosovo", "Serbian": "Serbia", "Cypriot": "Cyprus",
    "Estonian": "Estonia", "Lithuanian": "Lithuania", "Latvian": "Latvia", "Belgian": "Belgium",
    "Dutch": "Netherlands", "Swedish": "Sweden", "Norwegian": "Norway", "Danish": "Denmark",
    "Finnish": "Finland", "Canadian": "Canada", "Australian": "Australia",
    "Kazakh": "Kazakhstan", "Uzbek": "Uzbekistan", "Tajik": "Tajikistan", "Kyrgyz": "Kyrgyzstan",
    "Colombian": "Colombia", "Mexican": "Mexico", "Filipino": "Philippines", "Thai": "Thailand",
    "Burmese": "Myanmar", "Sri Lankan": "Sri Lanka", "Palestinian": "Palestine",
    "Belarusian": "Belarus", "Moldovan": "Moldova", "Zambian": "Zambia",
}  # fmt: skip

# How prose writes a country's forces where the first adjective reads oddly.
PREFERRED_ADJECTIVE = {"United States": "US"}


def adjectives() -> dict[str, str]:
    """country -> the adjective prose writes for its forces."""
    out: dict[str, str] = {}
    for adjective, country in DEMONYMS.items():
        out.setdefault(country, adjective)
    return out | PREFERRED_ADJECTIVE
