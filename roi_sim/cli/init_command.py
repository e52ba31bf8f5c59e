"""`roi-sim init [FILE] [--lang nl]`: write a commented starting scenario with sourced 2026
defaults, so a first scenario needs no guessing. Imports only typer at module level."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from roi_sim.scenario.message_text import Msg


def register(app: Any) -> None:
    @app.command()
    def init(
        file: Path | None = typer.Argument(None, help="Where to write the scenario (default: print it).", show_default=False),
        lang: str = typer.Option("en", "--lang", help="Language of the comments: en or nl (Dutch). The keys stay the same."),
        force: bool = typer.Option(False, "--force", help="Overwrite FILE if it exists."),
        debug: bool = typer.Option(False, "--debug", help="Show the full trace of an internal error."),
    ) -> None:
        """Write a commented starting scenario with sourced 2026 defaults (each line says where its number comes from)."""
        import sys

        from roi_sim.cli.app import BadInput, _guarded, write_atomically

        def body() -> None:
            from roi_sim.outputs.starter import LANGUAGES, starter_scenario

            if lang not in LANGUAGES:
                raise BadInput(Msg("--lang {lang}: unknown language; allowed: {languages}", lang=lang, languages=', '.join(LANGUAGES)))
            text = starter_scenario(lang)
            if file is None:
                sys.stdout.write(text)
                return
            if file.exists() and not force:
                raise BadInput(Msg("{file}: already exists; choose another name or add --force", file=file))
            if file.suffix.lower() not in (".yaml", ".yml"):
                raise BadInput(Msg("{file}: a scenario file ends in .yaml or .yml", file=file))
            if not (file.parent if str(file.parent) else Path(".")).is_dir():
                raise BadInput(Msg("{file}: the folder {parent} does not exist", file=file, parent=file.parent))
            write_atomically(file, text)
            from roi_sim.cli.files import wrote

            after = f"; voer het uit met: roi-sim run {file}" if lang == "nl" else f"; run it with: roi-sim run {file}"
            sys.stderr.write(wrote(file, lang, after))

        _guarded(debug, body, lang)
