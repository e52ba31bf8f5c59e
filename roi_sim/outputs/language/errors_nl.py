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
}
