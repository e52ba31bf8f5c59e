"""The Dutch of every error message (``--lang nl``, issue 10.5): English template -> Dutch
template, with the same ``{placeholders}``. Key paths, file names and values stay as they are
(keys are the scenario's own words). ``tests/test_error_language.py`` fails when a
``Msg(...)`` in roi_sim has no entry here, or an entry's placeholders differ.

Append-only: add new entries at the end.
"""

from __future__ import annotations

ERRORS: dict[str, str] = {
    # The frame: where, then why (roi_sim/scenario/errors.py, roi_sim/cli).
    "error: {message}": "fout: {message}",
    "{where}, line {line}": "{where}, regel {line}",
    "{where}, column {column}": "{where}, kolom {column}",
    "{where}, key '{key}'": "{where}, sleutel '{key}'",
    "{where}: {message}": "{where}: {message}",
    "{label} {message}": "{label} {message}",
    "{label} {value}: {message}": "{label} {value}: {message}",
    "{first}, {second}": "{first}, {second}",
    "{head} or {last}": "{head} of {last}",
    "{head} and {last}": "{head} en {last}",
    "cannot write to standard output: {reason}": "kan niet naar de standaarduitvoer schrijven: {reason}",
    "internal error: {kind}: {reason} (run with --debug to see the trace)":
        "interne fout: {kind}: {reason} (draai met --debug om het verloop te zien)",
    # roi_sim/model/arguments.py
    "must be a whole number from 0 to {most:,}, as the scenario's seed key":
        "moet een geheel getal van 0 tot {most:,} zijn, net als de sleutel seed in het scenario",
    "give a whole number or 'auto'": "geef een geheel getal of 'auto'",
    "give a whole number": "geef een geheel getal",
    "must be between 1 and {most:,} (each iteration keeps its results in memory)":
        "moet tussen 1 en {most:,} liggen (elke iteratie houdt haar uitkomsten in het geheugen)",
    "must be 0 (one per core) or more": "moet 0 (één per kern) of meer zijn",
    "must be a positive number of euros": "moet een positief bedrag in euro's zijn",
    "goes with {iterations} auto": "hoort bij {iterations} auto",
    "unknown ledger; allowed: {allowed}": "onbekende rekening; toegestaan: {allowed}",
    "must be a number of euros, 0 or more": "moet een bedrag in euro's zijn, 0 of meer",
    "must be {low}{unit} or more": "moet {low}{unit} of meer zijn",
    "must be between {low:,} and {high:,}": "moet tussen {low:,} en {high:,} liggen",
    # roi_sim/scenario/errors.py: a value from the file in words
    "the text '{value}' (YAML reads 1e5 as text: write 100000 or 1.0e+5)":
        "de tekst '{value}' (YAML leest 1e5 als tekst: schrijf 100000 of 1.0e+5)",
    "the text '{value}' (write {plain}, without thousands separators)":
        "de tekst '{value}' (schrijf {plain}, zonder punten tussen de duizendtallen)",
    "the text '{value}'": "de tekst '{value}'",
    "nothing (an empty value)": "niets (een lege waarde)",
    "a mapping": "een verzameling sleutels",
    "a list": "een lijst",
    # roi_sim/scenario/messages.py: pydantic's checks in the tool's words
    "'{key}' is required in {where} but missing": "'{key}' is verplicht in {where} maar ontbreekt",
    "'{key}' is required but missing": "'{key}' is verplicht maar ontbreekt",
    "unknown distribution '{tag}'; did you mean '{guess}'? allowed: {allowed}":
        "onbekende verdeling '{tag}'; bedoelt u '{guess}'? toegestaan: {allowed}",
    "unknown distribution '{tag}'; allowed: {allowed}": "onbekende verdeling '{tag}'; toegestaan: {allowed}",
    "none": "geen",
    "unknown key '{key}'; did you mean '{guess}'? (allowed here: {listing})":
        "onbekende sleutel '{key}'; bedoelt u '{guess}'? (hier toegestaan: {listing})",
    "unknown key '{key}' (allowed here: {listing})": "onbekende sleutel '{key}' (hier toegestaan: {listing})",
    "must be a whole number, got {got}": "moet een geheel getal zijn; er staat {got}",
    "must be a number, got {got}": "moet een getal zijn; er staat {got}",
    "must be text, got {got}; put it in quotes": "moet tekst zijn; er staat {got}; zet het tussen aanhalingstekens",
    "must be a list (entries starting with '- '), got {got}": "moet een lijst zijn (regels die beginnen met '- '); er staat {got}",
    "must be a mapping of keys, got {got}": "moet een verzameling sleutels met waarden zijn; er staat {got}",
    "must be at least {bound:,} (got {value:,})": "moet minstens {bound:,} zijn (er staat {value:,})",
    "must be at least {bound}": "moet minstens {bound} zijn",
    "must be at most {bound:,} (got {value:,})": "mag hoogstens {bound:,} zijn (er staat {value:,})",
    "must be at most {bound}": "mag hoogstens {bound} zijn",
    "must be above {bound:,} (got {value:,})": "moet boven {bound:,} liggen (er staat {value:,})",
    "must be above {bound}": "moet boven {bound} liggen",
    "must be below {bound:,} (got {value:,})": "moet onder {bound:,} liggen (er staat {value:,})",
    "must be below {bound}": "moet onder {bound} liggen",
    "must be a list of {{from_month, weight}} or the name of a shape ({shapes}), got {got}":
        "moet een lijst van {{from_month, weight}} zijn of de naam van een vorm ({shapes}); er staat {got}",
    "a distribution needs a 'dist' key, one of: {names} (or write a plain number)":
        "een verdeling heeft een sleutel 'dist' nodig, een van: {names} (of schrijf een gewoon getal)",
    "{dist} distribution: {msg}": "verdeling {dist}: {msg}",
    "must not be empty": "mag niet leeg zijn",
    "must have {least} entries (got {actual})": "moet {least} regels hebben (er staan er {actual})",
    "must have at most {most} entries (got {actual})": "mag hoogstens {most} regels hebben (er staan er {actual})",
    "must not be empty; give some text": "mag niet leeg zijn; geef een tekst",
    "must be a finite number (NaN and infinity are not allowed)": "moet een eindig getal zijn (NaN en oneindig zijn niet toegestaan)",
    "{value} is not allowed; did you mean '{guess}'? (allowed: {allowed})": "{value} is niet toegestaan; bedoelt u '{guess}'? (toegestaan: {allowed})",
    "{value} is not allowed (allowed: {allowed})": "{value} is niet toegestaan (toegestaan: {allowed})",
    "{msg}: each iteration keeps its results in memory; run fewer iterations":
        "{msg}: elke iteratie houdt haar uitkomsten in het geheugen; reken met minder iteraties",
    # roi_sim/scenario/yaml_reader.py
    "the YAML tag '{tag}' is not allowed: scenario files hold plain numbers, text, lists and mappings (nothing in them is ever executed)":
        "de YAML-tag '{tag}' is niet toegestaan: een scenariobestand bevat alleen getallen, tekst, lijsten en sleutels met waarden (er wordt nooit iets uit uitgevoerd)",
    'the file expands to more than {most:,} YAML values (through anchors and aliases); refusing to expand it further':
        'het bestand groeit uit tot meer dan {most:,} YAML-waarden (via ankers en aliassen); het wordt niet verder uitgevouwen',
    'YAML merge keys (<<) are not supported; write the keys out':
        'YAML-samenvoegsleutels (<<) worden niet ondersteund; schrijf de sleutels uit',
    'keys must be plain text names, such as outflow_rate': 'sleutels moeten gewone namen zijn, zoals outflow_rate',
    "duplicate key: '{key}' is already set on line {line}; keep one of them":
        "dubbele sleutel: '{key}' staat al op regel {line}; houd er één over",
    'a whole number': 'een geheel getal',
    'a number': 'een getal',
    'true or false': 'true of false',
    'a value': 'een waarde',
    "cannot read '{value}' as {kind}; write a plain number or plain text":
        "'{value}' is niet te lezen als {kind}; schrijf een gewoon getal of gewone tekst",
    "'{text}' starts with 0, which YAML reads as the octal number {value:g}; write {plain} without the leading zero":
        "'{text}' begint met 0, en YAML leest dat als het octale getal {value:g}; schrijf {plain} zonder de 0 vooraan",
    "'{text}' is read by YAML as a base-60 (hours:minutes) number, {value:g}; write plain digits, such as {plain}, or put text in quotes":
        "YAML leest '{text}' als een zestigtallig getal (uren:minuten), {value:g}; schrijf gewone cijfers, zoals {plain}, of zet tekst tussen aanhalingstekens",
    'no such file; check the path (scenario files end in .yaml)':
        'bestand bestaat niet; controleer het pad (scenariobestanden eindigen op .yaml)',
    'is a directory, not a scenario file; give the path of a .yaml file':
        'is een map, geen scenariobestand; geef het pad van een .yaml-bestand',
    'the file is {size:,} bytes; scenario files may be at most {most:,} bytes':
        'het bestand is {size:,} bytes; een scenariobestand mag hoogstens {most:,} bytes zijn',
    'cannot be read: {reason}': 'kan niet worden gelezen: {reason}',
    'this is a binary file, not a YAML text file': 'dit is een binair bestand, geen YAML-tekstbestand',
    'the file is not UTF-8 text; save it as UTF-8': 'het bestand is geen UTF-8-tekst; sla het op als UTF-8',
    'the file is empty; a scenario needs at least horizon_years and the model keys (see `roi-sim schema`)':
        'het bestand is leeg; een scenario heeft minstens horizon_years en de modelsleutels nodig (zie `roi-sim schema`)',
    'YAML syntax error: {problem}': 'YAML-syntaxfout: {problem}',
    'the file contains a control character ({char}) that YAML does not allow; remove it':
        'het bestand bevat een stuurteken ({char}) dat YAML niet toestaat; haal het weg',
    'YAML error: {reason}': 'YAML-fout: {reason}',
    'the YAML is nested too deeply': 'de YAML is te diep genest',
    'the top level must be a mapping of keys (name: …, horizon_years: …), not {what}':
        'het bovenste niveau moet uit sleutels met waarden bestaan (name: …, horizon_years: …), niet uit {what}',
    'a single text value': 'één tekstwaarde',
    'a single value': 'één waarde',
    # roi_sim/scenario/groups.py
    "duplicate strategy name '{name}' (also strategy {other}); strategy names must be unique":
        "dubbele strategienaam '{name}' (ook strategie {other}); elke strategie heeft een eigen naam nodig",
    "none: declare them under 'groups'": "geen: benoem ze onder 'groups'",
    "unknown group '{g}'; did you mean '{guess}'? (groups: {known})":
        "onbekende doelgroep '{g}'; bedoelt u '{guess}'? (doelgroepen: {known})",
    "unknown group '{g}' (groups: {known})": "onbekende doelgroep '{g}' (doelgroepen: {known})",
    "group '{g}' is in both allocation and budget; give one of them":
        "doelgroep '{g}' staat zowel onder allocation als onder budget; kies er één",
    'intake_years ({intake}) is more than horizon_years ({horizon}): every intake must start within the horizon':
        'intake_years ({intake}) is groter dan horizon_years ({horizon}): elke instroom moet binnen de rekenperiode beginnen',
    'annual_cost_per_fte is set for {what} but caseload (clients per FTE) is not; set caseload':
        'annual_cost_per_fte is opgegeven voor {what}, maar caseload (cliënten per fte) niet; geef caseload op',
    'relapse_within_12_months ({within:g}) cannot exceed relapse_ever ({ever:g}): those back within a year are among those who ever come back':
        'relapse_within_12_months ({within:g}) kan niet groter zijn dan relapse_ever ({ever:g}): wie binnen een jaar terugkomt, hoort bij wie ooit terugkomt',
    'the top level, in the group, in the strategy or in the class':
        'op het bovenste niveau, in de doelgroep, in de strategie of in de klasse',
    'the top level, in the group or in the strategy': 'op het bovenste niveau, in de doelgroep of in de strategie',
    "'{key}' is required but missing for {what} (needed by relapse_model {relapse}): set it at {places}":
        "'{key}' is verplicht maar ontbreekt voor {what} (nodig voor relapse_model {relapse}): geef het op {places}",
    "'{key}' is required but missing for {what}: set it at {places}":
        "'{key}' is verplicht maar ontbreekt voor {what}: geef het op {places}",
    "net_effect or outflow_rate is required but missing for {what}: set one of them (net_effect for the programme's effect above the baseline, outflow_rate for the share off benefit) at {places}":
        'net_effect of outflow_rate is verplicht maar ontbreekt voor {what}: geef er één op (net_effect voor het effect van het programma bovenop de basis, outflow_rate voor het aandeel dat uit de uitkering gaat) {places}',
    "{clients:,} clients a year from group '{g}' is more than a cohort may hold: at most {most:,} a year":
        "{clients:,} cliënten per jaar uit doelgroep '{g}' is meer dan een cohort kan bevatten: hoogstens {most:,} per jaar",
    "group '{g}' costs nothing per client, so a budget cannot buy clients; use allocation":
        "doelgroep '{g}' kost niets per cliënt, dus met een budget zijn geen cliënten te kopen; gebruik allocation",
    "a budget of EUR {amount:,.2f} at EUR {unit:g} per client buys more than {most:,} clients a year from group '{g}', more than a cohort may hold; lower the budget or check the cost per client":
        "een budget van EUR {amount:,.2f} bij EUR {unit:g} per cliënt koopt meer dan {most:,} cliënten per jaar uit doelgroep '{g}', meer dan een cohort kan bevatten; verlaag het budget of controleer de kosten per cliënt",
    "takes {taken:,} clients from group '{g}' ({clients:,} a year for {years} year(s)), but it has only {cap:,} (clients_available)":
        "neemt {taken:,} cliënten uit doelgroep '{g}' ({clients:,} per jaar gedurende {years} jaar), maar die heeft er maar {cap:,} (clients_available)",
    "{what}, class '{name}'": "{what}, klasse '{name}'",
    "strategy '{name}'": "strategie '{name}'",
    'the scenario': 'het scenario',
    "{what}, group '{group}'": "{what}, doelgroep '{group}'",
    "unknown parameter '{name}' (allowed: {allowed})": "onbekende parameter '{name}' (toegestaan: {allowed})",
    "'{name}' is not a distribution set by this strategy, so there is nothing to draw independently; set {name} to a distribution in this strategy or remove it here":
        "'{name}' is geen verdeling die deze strategie zelf opgeeft, dus er valt niets los te trekken; geef {name} in deze strategie een verdeling of haal het hier weg",
    "group '{g}'": "doelgroep '{g}'",
    # roi_sim/scenario/states.py
    "give the programme's effect under programme": 'geef het effect van het programma op onder programme',
    'give it per move under programme: [{{from, to, net_effect}}]':
        'geef het per overgang op onder programme: [{{from, to, net_effect}}]',
    'give the moves without the programme under transitions': 'geef de overgangen zonder programma op onder transitions',
    'give the intake by state under start': 'geef de instroom per toestand op onder start',
    'relapse is a transition back, e.g. {{from: work, to: <a benefit state>, rate: …}}':
        'terugval is een overgang terug, bijvoorbeeld {{from: work, to: <een toestand met uitkering>, rate: …}}',
    'set subsidised on the states with a subsidised job': 'geef subsidised op bij de toestanden met gesubsidieerd werk',
    'set wage_value on the working states': 'geef wage_value op bij de toestanden met werk',
    'set benefit (the share of the benefit still paid) on each state':
        'geef bij elke toestand benefit op (het deel van de uitkering dat nog wordt betaald)',
    'set social_value_per_year on the states': 'geef social_value_per_year op bij de toestanden',
    'classes are not combined with states in this version; make each class its own start or strategy':
        'klassen zijn in deze versie niet te combineren met toestanden; maak van elke klasse een eigen start of strategie',
    "groups are not combined with states in this version; give each group's clients as a strategy with its own start":
        'doelgroepen zijn in deze versie niet te combineren met toestanden; geef de cliënten van elke doelgroep als een strategie met een eigen start',
    'variants are not combined with states in this version; give each belief its own scenario file':
        'varianten zijn in deze versie niet te combineren met toestanden; geef elke opvatting een eigen scenariobestand',
    '{key} needs states: declare the states first (docs/states.md)':
        '{key} vraagt om toestanden: benoem eerst de toestanden (docs/states.md)',
    "'year' cannot name a state: the occupancy tables use it for the year; rename the state":
        "'year' kan geen naam van een toestand zijn: de bezettingstabellen gebruiken het voor het jaar; geef de toestand een andere naam",
    'states needs at least two states (the clients must be able to move)':
        'states heeft minstens twee toestanden nodig (de cliënten moeten kunnen overgaan)',
    '{key} is not used with states: {why} (docs/states.md)':
        '{key} wordt niet gebruikt met toestanden: {why} (docs/states.md)',
    "unknown state '{name}'; did you mean '{guess}'? (states: {known})":
        "onbekende toestand '{name}'; bedoelt u '{guess}'? (toestanden: {known})",
    "unknown state '{name}' (states: {known})": "onbekende toestand '{name}' (toestanden: {known})",
    "start is empty: give each intake's clients by state, e.g. {{{first}: 1}}":
        'start is leeg: geef de cliënten van elke instroom per toestand, bijvoorbeeld {{{first}: 1}}',
    '{share:g} is not a share: a start share is a fraction 0..1 of each intake':
        '{share:g} is geen aandeel: een startaandeel is een fractie 0..1 van elke instroom',
    'the start shares add up to {total:.12g}, but they must add up to 1 (each intake is split over the states)':
        'de startaandelen tellen op tot {total:.12g}, maar moeten optellen tot 1 (elke instroom wordt over de toestanden verdeeld)',
    'transitions are required with states: list the moves without the programme, [{{from, to, rate}}]':
        'transitions is verplicht met toestanden: noem de overgangen zonder programma, [{{from, to, rate}}]',
    "a transition from '{state}' to itself is not a move; staying is what is left over":
        "een overgang van '{state}' naar zichzelf is geen overgang; blijven is wat overblijft",
    "the moves from '{state}' cannot all happen within a month: their monthly probabilities add up to {total:.4g} at the top of their ranges, above 1; lower the rates":
        "de overgangen vanuit '{state}' kunnen niet allemaal binnen een maand gebeuren: hun kansen per maand tellen aan de bovenkant van hun bereik op tot {total:.4g}, boven 1; verlaag de rates",
    'the move {a} -> {b} is listed twice (also {listed}[{other}])':
        'de overgang {a} -> {b} staat er twee keer (ook {listed}[{other}])',
    "a programme move from '{state}' to itself is not a move":
        "een programma-overgang van '{state}' naar zichzelf is geen overgang",
    "give the programme's move {a} -> {b} either net_effect or rate, not both or neither":
        'geef de programma-overgang {a} -> {b} óf net_effect óf rate, niet allebei en niet geen van beide',
    "net_effect is an effect above the baseline, but {a} -> {b} is not in transitions; add it there or give the programme's rate instead":
        'net_effect is een effect bovenop de basis, maar {a} -> {b} staat niet in transitions; voeg de overgang daar toe of geef in plaats daarvan de rate van het programma',
    "each intake's clients by state": 'de cliënten van elke instroom per toestand',
    'what the programme changes ([] for nothing)': 'wat het programma verandert ([] voor niets)',
    '{key} is required with states: give {what} at the top level or in the strategy':
        '{key} is verplicht met toestanden: geef {what} op het bovenste niveau of in de strategie',
    # roi_sim/scenario/checks.py, finite.py
    'has no value; give one, or remove the key to use the default':
        'heeft geen waarde; geef er een, of haal de sleutel weg om de standaardwaarde te gebruiken',
    "'{key}' belongs to the whole scenario and cannot be set per strategy; move it to the top level":
        "'{key}' hoort bij het hele scenario en kan niet per strategie worden opgegeven; zet het op het bovenste niveau",
    'between {low} and {high}': 'tussen {low} en {high}',
    'above 0': 'boven 0',
    'between {low} and {high:,.0f}': 'tussen {low} en {high:,.0f}',
    '0 or more': 'op 0 of hoger',
    '{value} is not a rate: a rate is a fraction {allowed}; write {fraction:g} for {value}%':
        '{value} is geen rate: een rate is een fractie {allowed}; schrijf {fraction:g} voor {value}%',
    '{value} is out of range: must be {allowed}': '{value} valt buiten het bereik: moet {allowed} liggen',
    'a low above 0': 'een low boven 0',
    'a gamma or lognormal distribution': 'een gamma- of lognormale verdeling',
    'a beta distribution': 'een bètaverdeling',
    'a PERT distribution': 'een PERT-verdeling',
    'this normal distribution can give values outside the allowed range ({allowed}); add {bounds} or use {alt}':
        'deze normale verdeling kan waarden buiten het toegestane bereik ({allowed}) geven; voeg {bounds} toe of gebruik {alt}',
    'a {kind} distribution can exceed 1, but this parameter must be {allowed}; use a beta distribution for a rate':
        'een {kind}-verdeling kan boven 1 uitkomen, maar deze parameter moet {allowed} liggen; gebruik voor een rate een bètaverdeling',
    'a {kind} distribution has no upper bound, but this parameter must be {allowed}; use a normal with high: {high}, or a triangular, PERT or uniform distribution':
        'een {kind}-verdeling heeft geen bovengrens, maar deze parameter moet {allowed} liggen; gebruik een normale verdeling met high: {high}, of een driehoeks-, PERT- of uniforme verdeling',
    'low {low} is out of range: this parameter must be {allowed}':
        'low {low} valt buiten het bereik: deze parameter moet {allowed} liggen',
    'the range {low} to {high} is not a rate: a rate is a fraction between 0 and 1; divide every value by 100 (write {low_fraction:g} to {high_fraction:g} for {low}% to {high}%)':
        'het bereik {low} tot {high} is geen rate: een rate is een fractie tussen 0 en 1; deel elke waarde door 100 (schrijf {low_fraction:g} tot {high_fraction:g} voor {low}% tot {high}%)',
    'high {high} is out of range: this parameter must be {allowed}, so the high can be at most {most}':
        'high {high} valt buiten het bereik: deze parameter moet {allowed} liggen, dus high kan hoogstens {most} zijn',
    'a {kind} distribution can leave the allowed range ({allowed})':
        'een {kind}-verdeling kan buiten het toegestane bereik ({allowed}) komen',
    '{value} is not a rate: write {fraction:g} for {value}% (the Dutch MKBA standard is 0.0225)':
        '{value} is geen rate: schrijf {fraction:g} voor {value}% (de Nederlandse MKBA-standaard is 0.0225)',
    'must lie between 0 and 0.2 (the Dutch MKBA standard is 0.0225)':
        'moet tussen 0 en 0.2 liggen (de Nederlandse MKBA-standaard is 0.0225)',
    'must lie between 0 and 0.2 (the Dutch MKBA standard is 0.0225); bound the distribution to 0..0.2':
        'moet tussen 0 en 0.2 liggen (de Nederlandse MKBA-standaard is 0.0225); begrens de verdeling tot 0..0.2',
    "'{text}' is read as {value:g} (in YAML a point is a decimal point); write {written}, without a thousands separator":
        "'{text}' wordt gelezen als {value:g} (in YAML is een punt een decimaalteken); schrijf {written}, zonder punt tussen de duizendtallen",
    'this value': 'deze waarde',
    'this {dist} distribution': 'deze {dist}-verdeling',
    '{what} is too wide to compute with (its draws overflow); use a smaller sd':
        '{what} is te breed om mee te rekenen (de trekkingen lopen over); gebruik een kleinere sd',
    '{upper} EUR is more than can be computed with: an amount may be at most {most} EUR':
        '{upper} EUR is meer dan waarmee gerekend kan worden: een bedrag mag hoogstens {most} EUR zijn',
    '{what} draws up to {upper} EUR, more than can be computed with: an amount may be at most {most} EUR; use a smaller sd, or a high':
        '{what} trekt tot {upper} EUR, meer dan waarmee gerekend kan worden: een bedrag mag hoogstens {most} EUR zijn; gebruik een kleinere sd, of een high',
    '{what} is so wide that about {percent:.3g}% of its draws are exactly 0, but {name} must be above 0; use a smaller sd':
        '{what} is zo breed dat ongeveer {percent:.3g}% van de trekkingen precies 0 is, maar {name} moet boven 0 liggen; gebruik een kleinere sd',
}
