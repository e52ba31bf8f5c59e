"""The options several commands share, each declared once (typer ``Annotated`` aliases).

Values a library function checks (seed, iterations, workers) are taken as text, so the
library refuses ``--seed 1.5`` with the same words as ``seed=1.5`` in Python and applies the
scenario file's rule to ``--seed 2**70``. Only typer is imported here: ``--help`` stays quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ScenarioArg = Annotated[Path, typer.Argument(help="Scenario file (YAML).", show_default=False)]
Output = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the result to this file (atomically) instead of the terminal.", show_default=False),
]
Format = Annotated[
    str | None,
    typer.Option(
        "--format", "-f",
        help="table, json, markdown, csv or xlsx, as far as the command offers them. Default: table, or from the --output "
        "file's extension.",
        show_default=False,
    ),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show the full trace of an internal error.")]
Iterations = Annotated[
    str | None,
    typer.Option(
        "--iterations", "-n",
        help="Monte Carlo iterations (default: the scenario's, else 20000). run, compare and report also take 'auto': "
        "double them until the standard error of mean net savings is below --target-se.",
        show_default=False,
    ),
]
TargetSe = Annotated[
    float | None,
    typer.Option("--target-se", help="With --iterations auto: the standard error sought, EUR (default 0.5% of the investment).", show_default=False),
]
Seed = Annotated[
    str | None,
    typer.Option("--seed", help="Random seed, 0 to 2**63-1 (default: the scenario's, else 0). Same seed, same numbers.", show_default=False),
]
Workers = Annotated[
    str, typer.Option("--workers", "-w", help="Processes to run in parallel; 0 (the default) = one per core. Results do not depend on it."),
]
Lang = Annotated[
    str, typer.Option("--lang", help="Language of tables, charts and reports: en or nl (Dutch). JSON and CSV keys stay English."),
]
Deterministic = Annotated[
    bool,
    typer.Option("--deterministic", help="No randomness: every parameter at its mean and expected flows instead of random draws."),
]
Ledger = Annotated[str, typer.Option("--ledger", help="fiscal (the municipality's net savings) or societal (MKBA net).")]
