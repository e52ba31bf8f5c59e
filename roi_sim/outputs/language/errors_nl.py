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
    "unknown ledger; allowed: {allowed}": "onbekende ledger; toegestaan: {allowed}",
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
        '{value} is geen fractie: een kans of aandeel is een getal {allowed}; schrijf {fraction:g} voor {value}%',
    '{value} is out of range: must be {allowed}': '{value} valt buiten het bereik: moet {allowed} liggen',
    'a low above 0': 'een low boven 0',
    'a gamma or lognormal distribution': 'een gamma- of lognormale verdeling',
    'a beta distribution': 'een bètaverdeling',
    'a PERT distribution': 'een PERT-verdeling',
    'this normal distribution can give values outside the allowed range ({allowed}); add {bounds} or use {alt}':
        'deze normale verdeling kan waarden buiten het toegestane bereik ({allowed}) geven; voeg {bounds} toe of gebruik {alt}',
    'a {kind} distribution can exceed 1, but this parameter must be {allowed}; use a beta distribution for a rate':
        'een {kind}-verdeling kan boven 1 uitkomen, maar deze parameter moet {allowed} liggen; gebruik voor een kans of aandeel een bètaverdeling',
    'a {kind} distribution has no upper bound, but this parameter must be {allowed}; use a normal with high: {high}, or a triangular, PERT or uniform distribution':
        'een {kind}-verdeling heeft geen bovengrens, maar deze parameter moet {allowed} liggen; gebruik een normale verdeling met high: {high}, of een driehoeks-, PERT- of uniforme verdeling',
    'low {low} is out of range: this parameter must be {allowed}':
        'low {low} valt buiten het bereik: deze parameter moet {allowed} liggen',
    'the range {low} to {high} is not a rate: a rate is a fraction between 0 and 1; divide every value by 100 (write {low_fraction:g} to {high_fraction:g} for {low}% to {high}%)':
        'het bereik {low} tot {high} bestaat niet uit fracties: een kans of aandeel is een getal tussen 0 en 1; deel elke waarde door 100 (schrijf {low_fraction:g} tot {high_fraction:g} voor {low}% tot {high}%)',
    'high {high} is out of range: this parameter must be {allowed}, so the high can be at most {most}':
        'high {high} valt buiten het bereik: deze parameter moet {allowed} liggen, dus high kan hoogstens {most} zijn',
    'a {kind} distribution can leave the allowed range ({allowed})':
        'een {kind}-verdeling kan buiten het toegestane bereik ({allowed}) komen',
    '{value} is not a rate: write {fraction:g} for {value}% (the Dutch MKBA standard is 0.0225)':
        '{value} is geen fractie: schrijf {fraction:g} voor {value}% (de Nederlandse MKBA-standaard is 0.0225)',
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
    # roi_sim/scenario/classes.py, copula.py, dist_*.py, draws.py, effects.py, messages.py, names.py, prices.py, priors.py, unused.py, variants.py, vocabulary.py
    "the class shares add up to {total:.12g}, but they must add up to 1 (each class is that share of the part's clients)":
        'de aandelen van de klassen tellen op tot {total:.12g}, maar moeten optellen tot 1 (elke klasse is dat aandeel van de cliënten van het onderdeel)',
    "class name '{name}' is used twice (also classes[{seen}])":
        "klassenaam '{name}' komt twee keer voor (ook classes[{seen}])",
    "share {share:g} is out of range: a class's share of the part's clients must be above 0 and at most 1":
        'aandeel {share:g} valt buiten het bereik: het aandeel van een klasse in de cliënten van het onderdeel moet boven 0 liggen en hoogstens 1 zijn',
    '{key} cannot be set in a class: {why}': '{key} kan niet in een klasse worden opgegeven: {why}',
    'these correlations cannot all hold at once (the correlation matrix is not positive definite); weaken some':
        'deze correlaties kunnen niet allemaal tegelijk gelden (de correlatiematrix is niet positief definiet); zwak er een paar af',
    "a parameter cannot be correlated with itself ('{a}')":
        "een parameter kan niet met zichzelf gecorreleerd zijn ('{a}')",
    'the pair {a}, {b} is correlated twice; keep one': 'het paar {a}, {b} is twee keer gecorreleerd; houd er één over',
    "unknown parameter '{name}'{hint}": "onbekende parameter '{name}'{hint}",
    "'{name}' is not uncertain at the top level; only top-level distributions can be correlated":
        "'{name}' is op het bovenste niveau niet onzeker; alleen verdelingen op het bovenste niveau kunnen gecorreleerd zijn",
    'probabilities for an inverse CDF (ppf) must lie between 0 and 1':
        'kansen voor een inverse verdelingsfunctie (ppf) moeten tussen 0 en 1 liggen',
    'sd must be above 0 (got {sd}); for a known number write the number itself':
        'sd moet boven 0 liggen (er staat {sd}); schrijf voor een bekend getal het getal zelf',
    'low ({low}) must be below high ({high})': 'low ({low}) moet onder high ({high}) liggen',
    'almost no probability lies between low and high (mean {mean}, sd {sd}); move the bounds or the mean':
        'er ligt vrijwel geen kans tussen low en high (mean {mean}, sd {sd}); verschuif de grenzen of het gemiddelde',
    'mean must be above 0 for a lognormal (got {mean})':
        'mean moet voor een lognormale verdeling boven 0 liggen (er staat {mean})',
    'mean must be above 0 for a gamma (got {mean})':
        'mean moet voor een gammaverdeling boven 0 liggen (er staat {mean})',
    '{first} and {second} go together: give both': '{first} en {second} horen bij elkaar: geef ze allebei',
    'give exactly one of: mean and sd; alpha and beta; successes and trials':
        'geef precies één van: mean en sd; alpha en beta; successes en trials',
    'mean must lie strictly between 0 and 1 for a beta (got {m})':
        'mean moet voor een bètaverdeling strikt tussen 0 en 1 liggen (er staat {m})',
    'sd must be above 0 (got {s}); for a known number write the number itself':
        'sd moet boven 0 liggen (er staat {s}); schrijf voor een bekend getal het getal zelf',
    'sd {s} is impossible for a beta with mean {m}: sd must be below {m2:.4g} (sd² < mean·(1−mean)); use a smaller sd':
        'sd {s} is onmogelijk voor een bètaverdeling met mean {m}: sd moet onder {m2:.4g} liggen (sd² < mean·(1−mean)); gebruik een kleinere sd',
    'mean {m} and sd {s} are too extreme to compute a beta with; use a larger sd or a mean further from 0 and 1, or for a known number write the number itself':
        'mean {m} en sd {s} zijn te extreem om een bètaverdeling mee te berekenen; gebruik een grotere sd of een gemiddelde verder van 0 en 1, of schrijf voor een bekend getal het getal zelf',
    'trials must be at least 1 (got {trials})': 'trials moet minstens 1 zijn (er staat {trials})',
    'successes must lie between 0 and trials ({trials}); got {successes}':
        'successes moet tussen 0 en trials ({trials}) liggen; er staat {successes}',
    '{key} must be above 0 (got {value})': '{key} moet boven 0 liggen (er staat {value})',
    'low ({low}) must be below high ({high}); for a known number write the number itself':
        'low ({low}) moet onder high ({high}) liggen; schrijf voor een bekend getal het getal zelf',
    'mode ({mode}) must lie between low ({low}) and high ({high})':
        'mode ({mode}) moet tussen low ({low}) en high ({high}) liggen',
    'relapse_within_12_months ({within}) is drawn above relapse_ever ({ever}) in {p} of iterations, but those back within a year are among those who ever come back; narrow or separate the two distributions':
        'relapse_within_12_months ({within}) wordt in {p} van de iteraties hoger getrokken dan relapse_ever ({ever}), maar wie binnen een jaar terugkomt, hoort bij wie ooit terugkomt; maak de twee verdelingen smaller of leg ze verder uit elkaar',
    'reaches {cost:g} EUR': 'komen uit op {cost:g} EUR',
    'overflows': 'lopen over',
    'with caseload down to {caseload:g} the staff cost per client (annual_cost_per_fte / caseload × programme_months / 12) {reaches}, more than can be computed with: an amount may be at most {max_amount:g} EUR; raise the caseload (clients per FTE)':
        'de personeelskosten per cliënt (annual_cost_per_fte / caseload × programme_months / 12) {reaches} bij een caseload tot {caseload:g}, meer dan waarmee gerekend kan worden: een bedrag mag hoogstens {max_amount:g} EUR zijn; verhoog de caseload (cliënten per fte)',
    'relapse_within_12_months ({value:g}) cannot exceed relapse_ever ({value2:g}): those back within a year are among those who ever come back':
        'relapse_within_12_months ({value:g}) kan niet groter zijn dan relapse_ever ({value2:g}): wie binnen een jaar terugkomt, hoort bij wie ooit terugkomt',
    "net_effect for the programme's effect above the baseline, outflow_rate for the share off benefit including those who would have left anyway":
        'net_effect voor het effect van het programma bovenop de basis, outflow_rate voor het aandeel dat uit de uitkering gaat, inclusief wie ook zonder programma was uitgestroomd',
    'baseline_outflow_by_duration for rates by years on benefit, baseline_outflow_rate for one rate for everyone':
        'baseline_outflow_by_duration voor uitstroomkansen naar jaren in de uitkering, baseline_outflow_rate voor één uitstroomkans voor iedereen',
    '{names}, or a list of {{from_month, weight}}': '{names}, of een lijst van {{from_month, weight}}',
    'net_effect {effect:g} on top of the baseline share off benefit after {window} months ({base:.4g}) gives {target:.4g} for {what}, more than a share can be (at most 1); lower net_effect or change the baseline':
        'net_effect {effect:g} bovenop het basisaandeel uit de uitkering na {window} maanden ({base:.4g}) geeft {target:.4g} voor {what}, meer dan een aandeel kan zijn (hoogstens 1); verlaag net_effect of pas de basis aan',
    'net_effect {effect:g} on top of the baseline share off benefit after {window} months ({base:.4g}) gives {target:.4g} for {what}, less than a share can be (at least 0); raise net_effect or change the baseline':
        'net_effect {effect:g} bovenop het basisaandeel uit de uitkering na {window} maanden ({base:.4g}) geeft {target:.4g} voor {what}, minder dan een aandeel kan zijn (minstens 0); verhoog net_effect of pas de basis aan',
    'years_on_benefit_at_intake is not used without baseline_outflow_by_duration, whose starting band it picks; remove it, or set baseline_outflow_by_duration':
        'years_on_benefit_at_intake wordt niet gebruikt zonder baseline_outflow_by_duration, waarvan het de startband kiest; haal het weg, of geef baseline_outflow_by_duration op',
    'must not be empty; give steps from from_month 0 (allowed: {allowed})':
        'mag niet leeg zijn; geef stappen vanaf from_month 0 (toegestaan: {allowed})',
    'the profile starts at intake: the first step must have from_month 0':
        'het profiel begint bij de instroom: de eerste stap moet from_month 0 hebben',
    'steps out of order': 'stappen in de verkeerde volgorde',
    '{first} (got {start:g})': '{first} (er staat {start:g})',
    'the bands start at the beginning of a spell: the first band must have from_years 0':
        'de banden beginnen aan het begin van een uitkeringsperiode: de eerste band moet from_years 0 hebben',
    'bands out of order': 'banden in de verkeerde volgorde',
    'no month of the outflow window (months 0 to {last}) has a positive weight for {what}, so net_effect ({effect}) cannot be reached: the programme adds its effect through positive weights; give a month before month {window} a positive weight':
        'geen maand van het uitstroomvenster (maanden 0 tot en met {last}) heeft een positief gewicht voor {what}, dus net_effect ({effect}) is niet te halen: het programma voegt zijn effect toe via positieve gewichten; geef een maand vóór maand {window} een positief gewicht',
    '{later} (line {later_line}) and {other} (line {other_line}) are alternatives; set one: {why}':
        '{later} (regel {later_line}) en {other} (regel {other_line}) zijn alternatieven; geef er één op: {why}',
    "unknown effect profile '{value}'{hint} (allowed: {allowed})":
        "onbekend effectprofiel '{value}'{hint} (toegestaan: {allowed})",
    '{order}: {key} {start:g} is not after the one before ({key} {start2:g}); each {key} must be larger than the one before it':
        '{order}: {key} {start:g} komt niet na de vorige ({key} {start2:g}); elke {key} moet groter zijn dan de vorige',
    '; write {fraction:g} for {rate:g}%': '; schrijf {fraction:g} voor {rate:g}%',
    'rate {rate:g} is out of range: an annual exit rate is a fraction between 0 and 1{pct}':
        'rate {rate:g} valt buiten het bereik: een jaarlijkse uitstroomkans is een fractie tussen 0 en 1{pct}',
    "; did you mean '{guess}'?": "; bedoelt u '{guess}'?",
    'expected a number or a distribution, got {got}': 'verwacht een getal of een verdeling; er staat {got}',
    'expected a number or a distribution such as {example}, got {got}':
        'verwacht een getal of een verdeling zoals {example}; er staat {got}',
    'must be true or false, got {got}': 'moet true of false zijn; er staat {got}',
    'must be true, false or a share 0..1, got {got}': 'moet true, false of een aandeel 0..1 zijn; er staat {got}',
    'group': 'doelgroep',
    'strategy': 'strategie',
    'the scenario name {name!r} is blank; give a name or remove the key':
        'de scenarionaam {name!r} is leeg; geef een naam of haal de sleutel weg',
    'the {what} name {name!r} is blank; give a name with letters or digits':
        'de naam {name!r} van de {what} is leeg; geef een naam met letters of cijfers',
    "{what} name '{name}' is the same as {what} {first_n}'s '{first}' once spaces at the ends are trimmed and Unicode is normalised (NFC); names must differ in more than that":
        "de naam '{name}' van de {what} is gelijk aan '{first}' van {what} {first_n} zodra spaties aan het begin en eind zijn weggehaald en Unicode is genormaliseerd (NFC); namen moeten meer verschillen dan dat",
    '{value} is not a year this tool takes: must be a year from {first_year} to {last_year}':
        '{value} is geen jaar waarmee dit programma rekent: moet een jaar van {first_year} tot en met {last_year} zijn',
    "unknown key '{key}' (allowed here: {index_kinds})": "onbekende sleutel '{key}' (hier toegestaan: {index_kinds})",
    'must be an annual rate, a number between -{max_indexation:g} and {max_indexation:g} (0.02 for 2%), got {rate}':
        'moet een jaarlijks percentage zijn, een getal tussen -{max_indexation:g} en {max_indexation:g} (0.02 voor 2%); er staat {rate}',
    '{rate:g} is not an annual rate: must be a fraction between -{max_indexation:g} and {max_indexation:g}{hint}':
        '{rate:g} is geen jaarlijks percentage: moet een fractie tussen -{max_indexation:g} en {max_indexation:g} zijn{hint}',
    '{key} needs price_year, the year whose prices the amounts are in (e.g. price_year: 2026)':
        '{key} vraagt om price_year, het jaar van het prijspeil van de bedragen (bijvoorbeeld price_year: 2026)',
    'a named prior is available only for {prior_key} (priors: {allowed}); give {key} a number or a distribution':
        'een benoemde verdeling vooraf (prior) bestaat alleen voor {prior_key} (priors: {allowed}); geef {key} een getal of een verdeling',
    "a named prior stands alone: remove '{extra}', or give a distribution without prior":
        "een benoemde prior staat op zichzelf: haal '{extra}' weg, of geef een verdeling zonder prior",
    "unknown prior '{name}'{hint} (allowed: {allowed})": "onbekende prior '{name}'{hint} (toegestaan: {allowed})",
    'exponential or fixed': 'exponential of fixed',
    '{key} is not used by relapse_model {names}, which uses {applies}; remove it, or set relapse_model: {other}':
        '{key} wordt niet gebruikt door relapse_model {names}, dat {applies} gebruikt; haal het weg, of geef relapse_model: {other} op',
    "cohort_size is not used in a group: a strategy's allocation (clients per intake year) or budget sets how many clients it takes from the group; remove cohort_size (clients_available caps the group)":
        'cohort_size wordt in een doelgroep niet gebruikt: de allocation (cliënten per instroomjaar) of het budget van een strategie bepaalt hoeveel cliënten die uit de doelgroep neemt; haal cohort_size weg (clients_available begrenst de doelgroep)',
    "cohort_size is not used: this strategy's clients come from its {how} per group; remove cohort_size, or set the clients in {how}":
        'cohort_size wordt niet gebruikt: de cliënten van deze strategie komen uit haar {how} per doelgroep; haal cohort_size weg, of geef de cliënten op in {how}',
    '{how} is empty, so the strategy would run the whole base plan; name at least one group (e.g. {how}: {{group name: {value}}}), or remove {how}':
        '{how} is leeg, dus de strategie zou het hele basisplan uitvoeren; noem minstens één doelgroep (bijvoorbeeld {how}: {{naam van de doelgroep: {value}}}), of haal {how} weg',
    'give every variant a weight, or none (equal weights)':
        'geef elke variant een gewicht, of geen enkele (gelijke gewichten)',
    'the weights add up to more than can be computed with; weights are relative (1 and 3 mean 25% and 75%), so use smaller numbers':
        'de gewichten tellen op tot meer dan waarmee gerekend kan worden; gewichten zijn relatief (1 en 3 betekenen 25% en 75%), dus gebruik kleinere getallen',
    "variant name '{name}' is used twice (also variants[{seen}])":
        "variantnaam '{name}' komt twee keer voor (ook variants[{seen}])",
    "'{key}' is set by variant '{entry}' (line {vline}) and {by}by {path} (line {line}): a key is a belief (variants) or a choice (strategies, groups), not both":
        "'{key}' wordt opgegeven door variant '{entry}' (regel {vline}) en {by}door {path} (regel {line}): een sleutel is een opvatting (variants) of een keuze (strategies, groups), niet allebei",
    "a class is a share of its part's clients, so the part's cohort_size (or allocation) sets how many":
        'een klasse is een aandeel van de cliënten van haar onderdeel, dus de cohort_size (of allocation) van het onderdeel bepaalt hoeveel',
    "a class is a share of each of its part's intakes, so the part sets the intakes":
        'een klasse is een aandeel van elke instroom van haar onderdeel, dus het onderdeel bepaalt de instroom',
    "the net effect is measured over the part's outflow window, the same for all its classes":
        'het netto effect wordt gemeten over het uitstroomvenster van het onderdeel, hetzelfde voor al zijn klassen',
    'classes cannot be nested; list every class in the one classes list':
        'klassen kunnen niet genest worden; noem elke klasse in de ene lijst classes',
    # roi_sim/cli/*, roi_sim/api.py, roi_sim/model/*
    'not a regular file': 'geen gewoon bestand',
    'a pipe (FIFO)': 'een pipe (FIFO)',
    'a device': 'een apparaat',
    'a socket': 'een socket',
    'the scenario has groups but no strategies to run; add strategies with an allocation or a budget per group, or split a budget with `roi-sim allocate`':
        'het scenario heeft doelgroepen maar geen strategieën om door te rekenen; voeg strategieën toe met een allocation of een budget per doelgroep, of verdeel een budget met `roi-sim allocate`',
    'is {kind}, not a scenario file; save the scenario as a .yaml file and give its path':
        'is {kind}, geen scenariobestand; sla het scenario op als .yaml-bestand en geef het pad',
    '--format {fmt}: unknown format; allowed: {formats}': '--format {fmt}: onbekend formaat; toegestaan: {formats}',
    '--format {fmt}: not available for {command}; allowed: {allowed}':
        '--format {fmt}: niet beschikbaar voor {command}; toegestaan: {allowed}',
    '--output {output}: {command} cannot write a {suffix} file; give a name ending in {names}, or none':
        '--output {output}: {command} kan geen {suffix}-bestand schrijven; geef een naam die eindigt op {names}, of geen naam',
    'the scenario has groups but no strategies; add strategies with an allocation or a budget':
        'het scenario heeft doelgroepen maar geen strategieën; voeg strategieën toe met een allocation of een budget',
    '{scenario}: {no_strategies}': '{scenario}: {no_strategies}',
    '--method {method}: unknown method; allowed: auto, sobol, rank':
        '--method {method}: onbekende methode; toegestaan: auto, sobol, rank',
    '--param {param}: {reason}': '--param {param}: {reason}',
    '--prior {prior}: give two numbers as ALPHA,BETA, e.g. 1,1':
        '--prior {prior}: geef twee getallen als ALPHA,BETA, bijvoorbeeld 1,1',
    '--format {chosen}: not available here; allowed: table, json, markdown':
        '--format {chosen}: hier niet beschikbaar; toegestaan: table, json, markdown',
    '--lang {lang}: unknown language; allowed: en, nl': '--lang {lang}: onbekende taal; toegestaan: en, nl',
    'give --baseline and --effect (or --per-arm), or a scenario to read them from':
        'geef --baseline en --effect (of --per-arm), of een scenario om ze uit te lezen',
    "{scenario}: strategy '{strategy}' has baseline_outflow_rate 0, so a control group would show nothing to compare; give --baseline (e.g. 0.08) or --strategy with a counterfactual":
        "{scenario}: strategie '{strategy}' heeft baseline_outflow_rate 0, dus een controlegroep zou niets laten zien om mee te vergelijken; geef --baseline (bijvoorbeeld 0.08) of --strategy met een situatie zonder programma",
    "--baseline 0: a share off benefit of exactly 0 leaves nothing to compare; give the control group's share, e.g. 0.08":
        '--baseline 0: een uitstroomaandeel van precies 0 laat niets te vergelijken over; geef het aandeel van de controlegroep, bijvoorbeeld 0.08',
    '--design {design}: unknown design; allowed: randomised, waiting-list':
        '--design {design}: onbekende opzet; toegestaan: randomised, waiting-list',
    '--plot {plot}: give a .png or .svg file name': '--plot {plot}: geef een bestandsnaam op .png of .svg',
    '--iterations {iterations}: must be 1 or more': '--iterations {iterations}: moet 1 of meer zijn',
    '{scenario}: the scenario has no strategies to track':
        '{scenario}: het scenario heeft geen strategieën om te volgen',
    '--strategy {name}: no such strategy; the scenario has: {names}':
        '--strategy {name}: die strategie bestaat niet; het scenario heeft: {names}',
    '{scenario}: {problem}': '{scenario}: {problem}',
    '{scenario}: {reason}': '{scenario}: {reason}',
    '{option} {output}: the name is too long for the file system; give a shorter file name':
        '{option} {output}: de naam is te lang voor het bestandssysteem; geef een kortere bestandsnaam',
    '{option} {output}: is a directory; give a file name such as results.json':
        '{option} {output}: is een map; geef een bestandsnaam zoals results.json',
    '{option} {output}: the directory {parent} does not exist': '{option} {output}: de map {parent} bestaat niet',
    '{option} {output}: that is the scenario file itself; it is never overwritten':
        '{option} {output}: dat is het scenariobestand zelf; dat wordt nooit overschreven',
    '{option} {output}: is a {kind}; give the name of a regular file':
        '{option} {output}: is een {kind}; geef de naam van een gewoon bestand',
    '{option} {output}: cannot be written (permission denied)':
        '{option} {output}: kan niet worden geschreven (geen toestemming)',
    '{name_b} {b}: is the same file as {name_a}; give the two different names':
        '{name_b} {b}: is hetzelfde bestand als {name_a}; geef de twee verschillende namen',
    '{option} {output}: cannot write in {parent}: {reason}':
        '{option} {output}: kan niet schrijven in {parent}: {reason}',
    '{option} {path}: cannot write: {reason}': '{option} {path}: kan niet schrijven: {reason}',
    'SOURCE_DATE_EPOCH={shown}: not a date roi-sim can use; give whole seconds since 1970-01-01 UTC (up to 253402300799, the end of year 9999), or unset it':
        'SOURCE_DATE_EPOCH={shown}: geen datum die roi-sim kan gebruiken; geef hele seconden sinds 1970-01-01 UTC (tot 253402300799, het eind van het jaar 9999), of verwijder de variabele',
    'block device': 'blokapparaat',
    'socket or special file': 'socket of speciaal bestand',
    '--lang {lang}: unknown language; allowed: {languages}': '--lang {lang}: onbekende taal; toegestaan: {languages}',
    '{file}: already exists; choose another name or add --force':
        '{file}: bestaat al; kies een andere naam of voeg --force toe',
    '{file}: a scenario file ends in .yaml or .yml': '{file}: een scenariobestand eindigt op .yaml of .yml',
    '{file}: the folder {parent} does not exist': '{file}: de map {parent} bestaat niet',
    '--lang {code}: unknown language; allowed: {languages}': '--lang {code}: onbekende taal; toegestaan: {languages}',
    '--realised: {problem}': '--realised: {problem}',
    '--format xlsx: a workbook is a file; give --output results.xlsx':
        '--format xlsx: een werkmap is een bestand; geef --output results.xlsx',
    "--output: give the report's file name, e.g. --output report.html (or .md)":
        '--output: geef de bestandsnaam van het rapport, bijvoorbeeld --output rapport.html (of .md)',
    '--output {output}: give a .html or .md file name': '--output {output}: geef een bestandsnaam op .html of .md',
    '--format {fmt}: unknown format; allowed: {sweep_formats}':
        '--format {fmt}: onbekend formaat; toegestaan: {sweep_formats}',
    '--format parquet: Parquet is a binary file; give --output results.parquet':
        '--format parquet: Parquet is een binair bestand; geef --output results.parquet',
    '{option} {path}: is a directory; give a file name': '{option} {path}: is een map; geef een bestandsnaam',
    '{option} {path}: the directory {parent} does not exist': '{option} {path}: de map {parent} bestaat niet',
    '{option} {path}: give a file name ending in {suffixes}':
        '{option} {path}: geef een bestandsnaam die eindigt op {suffixes}',
    '--shard {shard}: I must be between 1 and N': '--shard {shard}: I moet tussen 1 en N liggen',
    '--write-scenarios {directory}: not a directory; create it first':
        '--write-scenarios {directory}: geen map; maak die eerst aan',
    '--workers {workers}: must be 0 (one per core) or more': '--workers {workers}: moet 0 (één per kern) of meer zijn',
    '--iterations {iterations}: must be between 1 and {most:,}':
        '--iterations {iterations}: moet tussen 1 en {most:,} liggen',
    '--seed {seed}: must be 0 or more': '--seed {seed}: moet 0 of meer zijn',
    '--shard writes one shard file: give --output shard-I.npz (no --format or --plot; use them with roi-sim merge)':
        '--shard schrijft één deelbestand: geef --output shard-I.npz (geen --format of --plot; gebruik die bij roi-sim merge)',
    '--shard {shard}: write it as I/N, e.g. --shard 3/10 (shard 3 of 10)':
        '--shard {shard}: schrijf het als I/N, bijvoorbeeld --shard 3/10 (deel 3 van 10)',
    '--scheduler needs dask.distributed, which is not installed; {dask_hint}':
        '--scheduler vraagt om dask.distributed, dat niet is geïnstalleerd; {dask_hint}',
    '--scheduler {scheduler}: cannot connect ({reason}); start one with `dask scheduler`':
        '--scheduler {scheduler}: geen verbinding ({reason}); start er een met `dask scheduler`',
    '--format parquet needs pyarrow, which is not installed; {dask_hint}':
        '--format parquet vraagt om pyarrow, dat niet is geïnstalleerd; {dask_hint}',
    '{path}: no such shard file': '{path}: dat deelbestand bestaat niet',
    'block {block} is outside 0..{n_blocks} or was given twice':
        'blok {block} ligt buiten 0..{n_blocks} of is twee keer gegeven',
    'blocks {next}..{n_blocks} of the run are missing': 'blokken {next}..{n_blocks} van de berekening ontbreken',
    'unknown parameter {unknown!r}; allowed: {parameter_streams}':
        'onbekende parameter {unknown!r}; toegestaan: {parameter_streams}',
    'the names {seen!r} and {name!r} share a random stream id; rename one':
        'de namen {seen!r} en {name!r} delen een id voor een toevalsreeks; geef er een een andere naam',
    'iterations must be at least 1': 'iterations moet minstens 1 zijn',
    'workers must be at least 1': 'workers moet minstens 1 zijn',
    'install it with: pip install -e ".[dask]" (or pip install "dask[distributed]")':
        'installeer het met: pip install -e ".[dask]" (of pip install "dask[distributed]")',
    # roi_sim/decisions/*, roi_sim/sweep/*
    '{what} must be a number, got {value!r}': '{what} moet een getal zijn; er staat {value!r}',
    '{what} must be a finite number, got {value!r}': '{what} moet een eindig getal zijn; er staat {value!r}',
    '{label}: cost_per_client': '{label}: cost_per_client',
    '{label}: return_per_client': '{label}: return_per_client',
    '{label}: cap': '{label}: cap',
    '{label}: fixed_cost': '{label}: fixed_cost',
    'groups must not be empty: give at least one GroupOption':
        'groups mag niet leeg zijn: geef minstens één GroupOption',
    'group names must be unique, duplicated: {value}': 'namen van doelgroepen moeten uniek zijn; dubbel: {value}',
    'budget must be >= 0, got {budget!r}': 'budget moet >= 0 zijn; er staat {budget!r}',
    'steps must be a whole number >= 1, got {steps!r}': 'steps moet een geheel getal >= 1 zijn; er staat {steps!r}',
    'no group has a positive return per client and clients available; the best split of any budget is to spend nothing':
        'geen doelgroep heeft een positieve opbrengst per cliënt en beschikbare cliënten; de beste verdeling van elk budget is niets uitgeven',
    'group name must be a non-empty string, got {name!r}':
        'de naam van een doelgroep moet een niet-lege tekst zijn; er staat {name!r}',
    '{label}: cost_per_client must be > 0, got {cost_per_client!r}':
        '{label}: cost_per_client moet > 0 zijn; er staat {cost_per_client!r}',
    '{label}: cap must be >= 0, got {cap!r}': '{label}: cap moet >= 0 zijn; er staat {cap!r}',
    '{label}: fixed_cost must be >= 0, got {fixed_cost!r}':
        '{label}: fixed_cost moet >= 0 zijn; er staat {fixed_cost!r}',
    'groups must be GroupOption instances, got {group!r}': 'groups moeten GroupOption-objecten zijn; er staat {group!r}',
    ' (did you mean {guess!r}?)': ' (bedoelt u {guess!r}?)',
    'unknown parameter {parameter!r}{hint}; allowed: {allowed}':
        'onbekende parameter {parameter!r}{hint}; toegestaan: {allowed}',
    'unknown ledger {ledger!r}; allowed: {ledgers}': 'onbekende ledger {ledger!r}; toegestaan: {ledgers}',
    'samples must be a whole number of at least 1 (got {samples!r})':
        'samples moet een geheel getal van minstens 1 zijn (er staat {samples!r})',
    '{name} must be a whole number (got {value!r})': '{name} moet een geheel getal zijn (er staat {value!r})',
    'trials must be at least 1 (got {n})': 'trials moet minstens 1 zijn (er staat {n})',
    'successes must lie between 0 and trials ({n}); got {s}':
        'successes moet tussen 0 en trials ({n}) liggen; er staat {s}',
    'prior must be two numbers (alpha, beta), e.g. (1, 1) for the uniform prior; got {prior!r}':
        'prior moet twee getallen zijn (alpha, beta), bijvoorbeeld (1, 1) voor de uniforme verdeling vooraf; er staat {prior!r}',
    "{parameter!r} is not a rate{hint}: a pilot's counts calibrate one of {rate_parameters}":
        '{parameter!r} is geen rate{hint}: de tellingen van een pilot kalibreren een van {rate_parameters}',
    'prior {label} must be a finite number above 0 (got {v!r})':
        'prior {label} moet een eindig getal boven 0 zijn (er staat {v!r})',
    'a comparison needs at least 2 strategies, got {n_values}':
        'een vergelijking vraagt om minstens 2 strategieën; er zijn er {n_values}',
    'all strategies must have the same number of iterations for a paired comparison, got {listed}':
        'voor een gepaarde vergelijking moeten alle strategieën evenveel iteraties hebben; er staan {listed}',
    'the difference between {a!r} and {b!r} overflows; the values are too large':
        'het verschil tussen {a!r} en {b!r} loopt over; de waarden zijn te groot',
    'values of strategy {name!r} must be a 1-D array (one value per iteration), got shape {shape}':
        'de waarden van strategie {name!r} moeten een 1-D-array zijn (één waarde per iteratie); de vorm is {shape}',
    'values of strategy {name!r} are empty; at least 1 iteration is needed':
        'de waarden van strategie {name!r} zijn leeg; er is minstens 1 iteratie nodig',
    'values of strategy {name!r} must be finite, got {value} NaN or infinite value(s), the first at iteration {bad}':
        'de waarden van strategie {name!r} moeten eindig zijn; er staan {value} NaN- of oneindige waarde(n), de eerste bij iteratie {bad}',
    'values of strategy {name!r} must be numbers': 'de waarden van strategie {name!r} moeten getallen zijn',
    '{arg} {value!r}: must be a share strictly between 0 and 1':
        '{arg} {value!r}: moet een aandeel strikt tussen 0 en 1 zijn',
    '{arg} {value!r}: must lie strictly between 0 and 1': '{arg} {value!r}: moet strikt tussen 0 en 1 liggen',
    '{arg} {value!r}: unknown; allowed: {designs}': '{arg} {value!r}: onbekend; toegestaan: {designs}',
    '{arg} {value!r}: must be non-zero and keep baseline + effect strictly between 0 and 1':
        '{arg} {value!r}: mag niet 0 zijn en moet baseline + effect strikt tussen 0 en 1 houden',
    '{arg} {value!r}: must be a whole number of clients, 1 or more':
        '{arg} {value!r}: moet een geheel aantal cliënten zijn, 1 of meer',
    'the scenario has no strategies to evaluate': 'het scenario heeft geen strategieën om te evalueren',
    "strategy '{name}' has states (the participation ladder); design plans a pilot on the share leaving benefit of an on/off scenario only; run it without the scenario, with --baseline and --effect for the move you will measure":
        "strategie '{name}' heeft toestanden (de participatieladder); design plant alleen een pilot op het uitstroomaandeel van een aan/uit-scenario; draai het zonder scenario, met --baseline en --effect voor de overgang die u gaat meten",
    'no strategy {strategy!r}; the scenario has: {names}': 'geen strategie {strategy!r}; het scenario heeft: {names}',
    'unknown ledger {ledger!r}; allowed: {ledger_quantity}':
        'onbekende ledger {ledger!r}; toegestaan: {ledger_quantity}',
    "the scenario has no groups; declare target groups under 'groups' to split a budget over them":
        "het scenario heeft geen doelgroepen; benoem doelgroepen onder 'groups' om er een budget over te verdelen",
    "group '{incomplete}' misses model keys (set them at the top level or in the group)":
        "doelgroep '{incomplete}' mist modelsleutels (geef ze op het bovenste niveau of in de doelgroep)",
    'per_arm {per_arm!r}: must be a whole number of clients, 1 or more':
        'per_arm {per_arm!r}: moet een geheel aantal cliënten zijn, 1 of meer',
    'no strategy {piloted!r}; the scenario has: {names}': 'geen strategie {piloted!r}; het scenario heeft: {names}',
    'pilot_cost {pilot_cost!r}: must be a finite amount >= 0':
        'pilot_cost {pilot_cost!r}: moet een eindig bedrag >= 0 zijn',
    'need 0 < low_q < high_q < 1 (got low_q {low_q}, high_q {high_q})':
        'nodig: 0 < low_q < high_q < 1 (er staat low_q {low_q}, high_q {high_q})',
    'unknown method {method!r}; allowed: {methods}': 'onbekende methode {method!r}; toegestaan: {methods}',
    'n must be at least 2 (got {n})': 'n moet minstens 2 zijn (er staat {n})',
    'line {line}': 'regel {line}',
    'line {line}, column {column} ({name})': 'regel {line}, kolom {column} ({name})',
    '{source}: {where}: {message}': '{source}: {where}: {message}',
    'control_started and control_left_benefit go together; give both or neither':
        'control_started en control_left_benefit horen bij elkaar; geef ze allebei of geen van beide',
    'no monthly rows; give at least one month': 'geen maandregels; geef minstens één maand',
    '{path}: no such file': '{path}: bestand bestaat niet',
    '{path}: cannot be read as UTF-8 text ({name})': '{path}: niet te lezen als UTF-8-tekst ({name})',
    'missing column {name}; required: {required} (optional: {optional})':
        'kolom {name} ontbreekt; verplicht: {required} (optioneel: {optional})',
    '{n_row} values for {n_names} columns ({names})': '{n_row} waarden voor {n_names} kolommen ({names})',
    '0 is not a month; months count from 1 (the first intake month)':
        '0 is geen maand; maanden tellen vanaf 1 (de eerste instroommaand)',
    'month {m} is beyond the horizon ({horizon_months} months)':
        'maand {m} ligt na het eind van de rekenperiode ({horizon_months} maanden)',
    'month {m} does not come after month {before} (line {line}); months must increase':
        'maand {m} komt niet na maand {before} (regel {line}); de maanden moeten oplopen',
    '{v} is negative; counts are 0 or more': '{v} is negatief; aantallen zijn 0 of meer',
    "'{raw}' is not a whole number": "'{raw}' is geen geheel getal",
    'unknown column; allowed: {allowed}': 'onbekende kolom; toegestaan: {allowed}',
    'column given twice': 'kolom staat er twee keer',
    '{n} participants have left benefit by month {month}, but only {of} have started':
        '{n} deelnemers zijn in maand {month} uit de uitkering, maar er zijn er maar {of} begonnen',
    '{n} participants are back on benefit by month {month}, but only {of} have left':
        '{n} deelnemers zijn in maand {month} terug in de uitkering, maar er zijn er maar {of} uitgestroomd',
    '{n} control clients have left benefit by month {month}, but only {of} have started':
        '{n} cliënten uit de controlegroep zijn in maand {month} uit de uitkering, maar er zijn er maar {of} begonnen',
    'the file is empty; the first line must name the columns {columns}':
        'het bestand is leeg; de eerste regel moet de kolommen noemen: {columns}',
    "strategy '{strategy}' has states (the participation ladder); track compares a pilot's outflow with outflow_rate and a constant baseline_outflow_rate of an on/off scenario only (docs/evaluation.md)":
        "strategie '{strategy}' heeft toestanden (de participatieladder); track vergelijkt de uitstroom van een pilot alleen met outflow_rate en een constante baseline_outflow_rate van een aan/uit-scenario (docs/evaluation.md)",
    "strategy '{strategy}' states its effect as a net effect, an effect profile, duration bands or classes; track compares a pilot's outflow with outflow_rate and a constant baseline_outflow_rate only (docs/evaluation.md)":
        "strategie '{strategy}' geeft haar effect als netto effect, effectprofiel, duurbanden of klassen; track vergelijkt de uitstroom van een pilot alleen met outflow_rate en een constante baseline_outflow_rate (docs/evaluation.md)",
    'degree must be a whole number >= 1 (got {degree!r})':
        'degree moet een geheel getal >= 1 zijn (er staat {degree!r})',
    'bins must be 0 (polynomial regression) or a whole number >= 2 (got {bins!r})':
        'bins moet 0 (polynomiale regressie) of een geheel getal >= 2 zijn (er staat {bins!r})',
    'rate draws must lie within [0, 1]': 'trekkingen van een rate moeten binnen [0, 1] liggen',
    'pilot_clients must be a whole number >= 1 (got {pilot_clients!r})':
        'pilot_clients moet een geheel getal >= 1 zijn (er staat {pilot_clients!r})',
    'pilot_cost must be a finite amount >= 0 (got {pilot_cost!r})':
        'pilot_cost moet een eindig bedrag >= 0 zijn (er staat {pilot_cost!r})',
    'is not a rate': 'is geen rate',
    'unknown parameter': 'onbekende parameter',
    '{why}; a pilot measures a share of its clients: one of {rates}':
        '{why}; een pilot meet een aandeel van zijn cliënten: een van {rates}',
    'a controlled pilot is valued on the share leaving benefit of an on/off scenario; this scenario has states (the participation ladder), whose moves a pilot does not yet inform':
        'een gecontroleerde pilot wordt gewaardeerd op het uitstroomaandeel van een aan/uit-scenario; dit scenario heeft toestanden (de participatieladder), over de overgangen daarvan zegt een pilot nog niets',
    ' client': ' cliënt',
    'a controlled pilot is valued on the fiscal net savings; use --ledger fiscal':
        'een gecontroleerde pilot wordt gewaardeerd op de fiscale netto besparing; gebruik --ledger fiscal',
    'net_benefit must contain at least one option': 'net_benefit moet minstens één optie bevatten',
    'an option is already called {do_nothing!r}; rename it or pass include_do_nothing=False':
        'er heet al een optie {do_nothing!r}; geef die een andere naam of geef include_do_nothing=False mee',
    'net-benefit arrays must all have the same length ({detail})':
        'de net-benefit-arrays moeten allemaal even lang zijn ({detail})',
    'net-benefit arrays must hold at least one iteration': 'de net-benefit-arrays moeten minstens één iteratie bevatten',
    '{what} must be a one-dimensional array': '{what} moet een eendimensionale array zijn',
    '{what} must have one value per iteration ({shape} values for {n} iterations)':
        '{what} moet één waarde per iteratie hebben ({shape} waarden voor {n} iteraties)',
    '{what} contain non-finite values (NaN or infinity)': '{what} bevat niet-eindige waarden (NaN of oneindig)',
    'net benefit of {name!r} must be a one-dimensional array':
        'de net benefit van {name!r} moet een eendimensionale array zijn',
    'net benefit of {name!r} contains non-finite values (NaN or infinity)':
        'de net benefit van {name!r} bevat niet-eindige waarden (NaN of oneindig)',
    '--plot draws a two-way table: it needs a grid of exactly two keys (every row setting the same two)':
        '--plot tekent een tweewegtabel: daarvoor is een rooster van precies twee sleutels nodig (elke regel zet dezelfde twee)',
    '--plot: every row failed; there is nothing to draw': '--plot: elke regel is mislukt; er valt niets te tekenen',
    '{path}: not a roi-sim sweep shard (format {value!r}, expected {shard_format})':
        '{path}: geen deelbestand van een roi-sim-sweep (formaat {value!r}, verwacht {shard_format})',
    'shard(s) {missing} of {count} are missing; give every shard file':
        'deelbestand(en) {missing} van {count} ontbreken; geef elk deelbestand',
    'the shard names a class outside roi_sim ({module}); it is not a roi-sim shard':
        'het deelbestand noemt een klasse buiten roi_sim ({module}); het is geen roi-sim-deelbestand',
    'the shard names {name}, which is not a roi-sim result':
        'het deelbestand noemt {name}, en dat is geen roi-sim-uitkomst',
    '{path}: not a roi-sim sweep shard ({exc})': '{path}: geen deelbestand van een roi-sim-sweep ({exc})',
    '{path}: shard {index}/{n} clashes with {value} (shards 1..{count} once each)':
        '{path}: deelbestand {index}/{n} botst met {value} (deelbestanden 1..{count} elk één keer)',
    "{path}: its {key} differ from {loaded}'s; merge the shards of one sweep run":
        '{path}: de {key} verschillen van die van {loaded}; voeg de deelbestanden van één sweep samen',
    "{where}, row '{name}'": "{where}, regel '{name}'",
    'unknown key; a sweep file has scenario and one of rows, rows_csv, grid':
        'onbekende sleutel; een sweepbestand heeft scenario en één van rows, rows_csv, grid',
    "give the base scenario's path (relative to the sweep file), e.g. scenario: lelystad.yaml":
        'geef het pad van het basisscenario (ten opzichte van het sweepbestand), bijvoorbeeld scenario: lelystad.yaml',
    'give exactly one of rows, rows_csv or grid (found {value})':
        'geef precies één van rows, rows_csv of grid (gevonden: {value})',
    '{n_specs:,} rows; a sweep may have at most {max_rows:,}: split it':
        '{n_specs:,} regels; een sweep mag er hoogstens {max_rows:,} hebben: splits hem',
    "{where}, key '{key}': not a model key; allowed: {overridable} (or key.field, e.g. outflow_rate.mean)":
        "{where}, sleutel '{key}': geen modelsleutel; toegestaan: {overridable} (of sleutel.veld, bijvoorbeeld outflow_rate.mean)",
    'give a list of rows, each {{name: …, <model key>: <value>, …}}':
        'geef een lijst van regels, elk {{name: …, <modelsleutel>: <waarde>, …}}',
    'row {row}': 'regel {row}',
    'give the path of a CSV file (relative to the sweep file)':
        'geef het pad van een CSV-bestand (ten opzichte van het sweepbestand)',
    "line 1: the CSV needs a 'name' column and one column per model key":
        "regel 1: de CSV heeft een kolom 'name' nodig en een kolom per modelsleutel",
    'the CSV has no rows': 'de CSV heeft geen regels',
    'give a mapping of model key -> list of values, e.g. cost_per_client: [3000, 5000]':
        'geef per modelsleutel een lijst van waarden, bijvoorbeeld cost_per_client: [3000, 5000]',
    'the grid has {size:,} rows; a sweep may have at most {max_rows:,}: split it':
        'het rooster heeft {size:,} regels; een sweep mag er hoogstens {max_rows:,} hebben: splits het',
    "{where}: the row name '{name}' is used twice; row names are unique":
        "{where}: de regelnaam '{name}' komt twee keer voor; regelnamen zijn uniek",
    '{where}: each row is a mapping with a name, e.g. - name: Almere':
        '{where}: elke regel bestaat uit sleutels met een naam, bijvoorbeeld - name: Almere',
    'the file is not UTF-8 text; save the CSV as UTF-8': 'het bestand is geen UTF-8-tekst; sla de CSV op als UTF-8',
    '{where}: every row needs a name and no more cells than the header':
        '{where}: elke regel heeft een naam nodig en niet meer cellen dan de kopregel',
    'give a non-empty list of values, e.g. [3000, 5000]':
        'geef een niet-lege lijst van waarden, bijvoorbeeld [3000, 5000]',
    '{where}: {reason}': '{where}: {reason}',
    "{where}, key '{key}': {message}": "{where}, sleutel '{key}': {message}",
    'the base scenario has no {part} to set {key} in; override the whole key':
        'het basisscenario heeft geen {part} om {key} in te zetten; vervang de hele sleutel',
    '{part} is a plain value in the base scenario, not a mapping; override {part} itself':
        '{part} is in het basisscenario een gewone waarde, geen verzameling sleutels; vervang {part} zelf',
    "{where}, row '{name}', key '{key}': cannot read '{cell}' as a number or a distribution":
        "{where}, regel '{name}', sleutel '{key}': '{cell}' is niet te lezen als getal of verdeling",
    'the scenario text arrived damaged (its sha256 does not match)':
        'de scenariotekst is beschadigd aangekomen (de sha256 klopt niet)',
    # roi_sim/cli: signals and a sweep's failed rows
    'ended by {name}; no output was written': 'beëindigd door {name}; er is geen uitvoer geschreven',
    'interrupted; no output was written': 'onderbroken; er is geen uitvoer geschreven',
    ' (and {n} more)': ' (en nog {n})',
    '{failed} of {rows} rows failed, the others finished: {listed}{more}':
        '{failed} van de {rows} regels zijn mislukt, de andere zijn klaar: {listed}{more}',
    # roi_sim/scenario/yaml_reader.py: PyYAML's common syntax errors
    'invalid YAML': 'ongeldige YAML',
    '{context}, {problem}': '{context}, {problem}',
    'while scanning a simple key': 'bij het lezen van een sleutel',
    "could not find expected ':'": "de verwachte ':' ontbreekt",
    'mapping values are not allowed here': 'hier mag geen waarde van een sleutel staan',
    'sequence entries are not allowed here': "hier mag geen lijstregel ('- ') staan",
    'mapping keys are not allowed here': 'hier mag geen sleutel staan',
    'while parsing a block mapping': 'bij het lezen van een blok sleutels',
    'while parsing a block collection': 'bij het lezen van een blok lijstregels',
    'while parsing a flow sequence': 'bij het lezen van een lijst tussen [ ]',
    'while parsing a flow mapping': 'bij het lezen van sleutels tussen {{ }}',
    'while parsing a node': 'bij het lezen van een waarde',
    'while scanning a quoted scalar': 'bij het lezen van een tekst tussen aanhalingstekens',
    'while scanning a double-quoted scalar': 'bij het lezen van een tekst tussen dubbele aanhalingstekens',
    'while scanning a block scalar': 'bij het lezen van een tekstblok',
    'while scanning for the next token': 'bij het zoeken naar het volgende onderdeel',
    'while scanning an alias': 'bij het lezen van een alias',
    'while scanning an anchor': 'bij het lezen van een anker',
    'found unexpected end of stream': 'het bestand houdt onverwacht op',
    "invalid indentation or unclosed '[' or '{{'": "ongeldige inspringing, of een '[' of '{{' die niet is gesloten",
    'did not find expected key': 'de verwachte sleutel ontbreekt',
    "did not find expected '-' indicator": "de verwachte '-' ontbreekt",
    'expected <block end>, but found {token}': 'verwacht het einde van het blok (<block end>), maar gevonden: {token}',
    "expected ',' or ']', but got {token}": "verwacht ',' of ']', maar gevonden: {token}",
    "expected ',' or '}}', but got {token}": "verwacht ',' of '}}', maar gevonden: {token}",
    'expected the node content, but found {token}': 'verwacht een waarde, maar gevonden: {token}',
    'expected alphabetic or numeric character, but found {token}':
        'verwacht een letter of cijfer, maar gevonden: {token}',
    'expected a comment or a line break, but found {token}':
        'verwacht commentaar of een regeleinde, maar gevonden: {token}',
    'found character {token} that cannot start any token': 'het teken {token} kan hier niet staan',
    'found undefined alias {token}': 'onbekende alias {token}',
    'found unknown escape character {token}': 'onbekend escape-teken {token}',
    'expected a single document in the stream': 'verwacht één document in het bestand',
    'but found another document': 'maar er volgt nog een document',
}
