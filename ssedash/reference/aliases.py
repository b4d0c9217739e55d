"""Country names people write that are not in the Natural Earth table: `COUNTRY_ALIASES`, name -> ISO3."""

from __future__ import annotations

# Names people write that are not in the Natural Earth table (which has one English, French and Spanish name each).
# Keys are written as people write them; they are normalised when a CountryResolver is built.
COUNTRY_ALIASES: dict[str, str] = {
    # Korea
    "Korea, Republic of": "KOR", "Republic of Korea": "KOR", "South Korea": "KOR", "Korea": "KOR",
    "Korea (Republic of)": "KOR", "Korea, Rep.": "KOR", "Corée du Sud": "KOR", "Corée": "KOR",
    "Corea del Sur": "KOR", "Corea": "KOR", "대한민국": "KOR", "한국": "KOR",
    "Korea, Democratic People's Republic of": "PRK", "Democratic People's Republic of Korea": "PRK",
    "Korea, Dem. People's Rep.": "PRK", "DPRK": "PRK",
    # Côte d'Ivoire
    "Ivory Coast": "CIV", "Cote d'Ivoire": "CIV", "Côte d'Ivoire": "CIV", "Côte d’Ivoire": "CIV",
    "Costa de Marfil": "CIV",
    # Türkiye
    "Türkiye": "TUR", "Turkiye": "TUR", "Turquie": "TUR", "Turquía": "TUR", "Republic of Türkiye": "TUR",
    # Taiwan, China
    "Taïwan": "TWN", "Taiwan, Province of China": "TWN", "Taiwan, China": "TWN", "Chinese Taipei": "TWN",
    "Republic of China": "TWN", "República de China": "TWN", "中華民國": "TWN", "중화민국": "TWN", "대만": "TWN",
    "China": "CHN", "People's Republic of China": "CHN", "PRC": "CHN", "Chine": "CHN",
    "Hong Kong SAR": "HKG", "Hong Kong, China": "HKG", "Macao": "MAC", "Macao SAR": "MAC", "Macau SAR": "MAC",
    # Tanzania
    "Tanzania, United Republic of": "TZA", "United Republic of Tanzania": "TZA", "Tanzanie": "TZA",
    # Viet Nam, Russia
    "Viet Nam": "VNM", "Vietnam": "VNM", "Russian Federation": "RUS", "Fédération de Russie": "RUS",
    # United Kingdom
    "UK": "GBR", "U.K.": "GBR", "Great Britain": "GBR", "Britain": "GBR", "England": "GBR", "Scotland": "GBR",
    "Wales": "GBR", "Northern Ireland": "GBR", "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "Royaume-Uni": "GBR", "Reino Unido": "GBR",
    # United States
    "USA": "USA", "US": "USA", "U.S.": "USA", "U.S.A.": "USA", "United States": "USA",
    "United States of America": "USA", "America": "USA", "Estados Unidos": "USA",
    "Estados Unidos de América": "USA", "États-Unis": "USA", "États-Unis d'Amérique": "USA",
    # the two Congos
    "DR Congo": "COD", "D.R. Congo": "COD", "DRC": "COD", "Democratic Republic of the Congo": "COD",
    "Democratic Republic of Congo": "COD", "Congo, Dem. Rep.": "COD", "Congo, The Democratic Republic of the": "COD",
    "Congo (Kinshasa)": "COD", "Congo-Kinshasa": "COD", "RDC": "COD", "République démocratique du Congo": "COD",
    "República Democrática del Congo": "COD",
    "Republic of the Congo": "COG", "Republic of Congo": "COG", "Congo, Rep.": "COG", "Congo (Brazzaville)": "COG",
    "Congo-Brazzaville": "COG", "Congo": "COG",
    # UN-style long names
    "Bolivia (Plurinational State of)": "BOL", "Plurinational State of Bolivia": "BOL",
    "Iran (Islamic Republic of)": "IRN", "Islamic Republic of Iran": "IRN", "Iran, Islamic Rep.": "IRN",
    "Venezuela (Bolivarian Republic of)": "VEN", "Venezuela, RB": "VEN",
    "Micronesia (Federated States of)": "FSM", "Micronesia": "FSM",
    "Moldova, Republic of": "MDA", "Republic of Moldova": "MDA",
    "Lao PDR": "LAO", "Lao People's Democratic Republic": "LAO", "Laos": "LAO",
    "Syria": "SYR", "Syrian Arab Republic": "SYR",
    "Palestine": "PSE", "State of Palestine": "PSE", "Palestine, State of": "PSE",
    "Occupied Palestinian Territory": "PSE", "West Bank and Gaza": "PSE",
    "Egypt, Arab Rep.": "EGY", "Yemen, Rep.": "YEM", "Gambia, The": "GMB", "Bahamas, The": "BHS",
    "Kyrgyz Republic": "KGZ", "Slovak Republic": "SVK", "Brunei Darussalam": "BRN",
    # renamed countries
    "Eswatini": "SWZ", "eSwatini": "SWZ", "Swaziland": "SWZ", "Kingdom of Eswatini": "SWZ",
    "Czechia": "CZE", "Czech Republic": "CZE", "Tchéquie": "CZE", "Chequia": "CZE",
    "North Macedonia": "MKD", "Macedonia": "MKD", "Republic of North Macedonia": "MKD",
    "Cabo Verde": "CPV", "Cape Verde": "CPV",
    "The Gambia": "GMB", "Gambia": "GMB", "The Bahamas": "BHS", "Bahamas": "BHS",
    "Burma": "MMR", "Myanmar": "MMR",
    "Timor-Leste": "TLS", "East Timor": "TLS",
    "Holland": "NLD", "Netherlands": "NLD", "The Netherlands": "NLD",
    "Vatican": "VAT", "Holy See": "VAT",
    "Kosovo": "XKX", "KOS": "XKX",
    "Sao Tome and Principe": "STP", "Saint Martin": "MAF", "Saint-Martin": "MAF", "San Martín": "MAF",
    "Sint Maarten": "SXM", "Micronesia, Fed. Sts.": "FSM",
    # names in the country's own language or with accents people type
    "Brasil": "BRA", "México": "MEX", "Perú": "PER", "Sénégal": "SEN",
    "Afrique du Sud": "ZAF", "Sudáfrica": "ZAF", "Sud Africa": "ZAF",
    "España": "ESP", "Deutschland": "DEU", "Italia": "ITA", "Nippon": "JPN",
}
