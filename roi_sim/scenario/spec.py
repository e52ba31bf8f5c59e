"""Scenario files: YAML loading, the pydantic schema, validation and error messages.

A scenario is loaded in three steps, each of which can refuse the file with a
:class:`ScenarioError` that names the file, line, column and key:

1. :func:`read_yaml` reads the bytes and composes YAML nodes with PyYAML's *safe* machinery,
   building plain Python values while recording where every key stands. It refuses what
   PyYAML would silently accept (duplicate keys) or must never do (tags that construct
   objects), and caps alias expansion so an "alias bomb" cannot exhaust memory.
2. The pydantic models check keys and types (unknown keys are errors, never ignored).
3. :func:`_check_semantics` checks what needs the whole file: value ranges per parameter,
   whether a distribution can leave that range, strategy names, the merged strategies.
"""

from __future__ import annotations

import difflib
import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from roi_sim.scenario.distributions import DIST_KEYS, DIST_NAMES, Distribution, fixed

#: Largest scenario file read, in bytes: scenarios are a few kB; this is a guard, not a need.
MAX_FILE_BYTES = 1_000_000
#: Most YAML nodes a file may expand to (aliases included): stops "billion laughs" files.
MAX_YAML_NODES = 100_000
#: Most iterations one run may ask for; each costs memory for its per-iteration results.
MAX_ITERATIONS = 1_000_000
#: Largest cohort: more clients than the Netherlands has on bijstand (about 408,000).
MAX_COHORT_SIZE = 10_000_000
MAX_HORIZON_YEARS = 50

KeyPath = tuple[str | int, ...]


class ScenarioError(Exception):
    """A scenario file that cannot be used, with where and why.

    ``str(error)`` is the one-line message the CLI prints.
    """

    def __init__(self, source: str, message: str, *, line: int | None = None, column: int | None = None, key: str | None = None) -> None:
        self.source = source
        self.message = message
        self.line = line
        self.column = column
        self.key = key
        super().__init__(str(self))

    def __str__(self) -> str:
        return _one_line(self._text())

    def _text(self) -> str:
        where = self.source
        if self.line is not None:
            where += f", line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        key = f", key '{self.key}'" if self.key else ""
        return f"{where}{key}: {self.message}"


def _one_line(text: str) -> str:
    """Escape line breaks and other control characters, so a message stays one line even
    when it quotes text from the file."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


# --------------------------------------------------------------------------- YAML


_SCALAR_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:str",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


@dataclass
class YamlDocument:
    """Plain Python data from a YAML file, with the (line, column) of every key path.

    Lines and columns are 1-based. The position of a mapping entry is that of its key.
    """

    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: KeyPath) -> tuple[int | None, int | None]:
        """Position of the deepest prefix of ``path`` present in the file."""
        for n in range(len(path), -1, -1):
            pos = self.positions.get(tuple(path[:n]))
            if pos is not None:
                return pos
        return None, None


def format_path(path: KeyPath) -> str:
    """``('strategies', 0, 'outflow_rate')`` -> ``strategies[1].outflow_rate`` (items count from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


class _Builder:
    """Turns composed YAML nodes into Python values, recording positions and refusing
    duplicate keys, foreign tags and runaway alias expansion."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.nodes = 0
        self.positions: dict[KeyPath, tuple[int, int]] = {}
        self._constructor = yaml.constructor.SafeConstructor()

    def refuse_tag(self, node: yaml.Node, path: KeyPath) -> ScenarioError:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        return self.fail(
            node,
            f"the YAML tag '{tag}' is not allowed: scenario files hold plain numbers, text, lists and mappings "
            "(nothing in them is ever executed)",
            path,
        )

    def fail(self, node: yaml.Node, message: str, path: KeyPath) -> ScenarioError:
        return ScenarioError(
            self.source, message, line=node.start_mark.line + 1, column=node.start_mark.column + 1, key=format_path(path) or None
        )

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_YAML_NODES:
            raise self.fail(
                node,
                f"the file expands to more than {MAX_YAML_NODES:,} YAML values (through anchors and aliases); "
                "refusing to expand it further",
                path,
            )
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                raise self.refuse_tag(node, path)
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, "YAML merge keys (<<) are not supported; write the keys out", path)
                if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == "tag:yaml.org,2002:str"):
                    raise self.fail(key_node, "keys must be plain text names, such as outflow_rate", path)
                key = key_node.value
                if key in out:
                    first = self.positions[path + (key,)]
                    raise self.fail(key_node, f"duplicate key: '{key}' is already set on line {first[0]}; keep one of them", path + (key,))
                self.positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.build(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                raise self.refuse_tag(node, path)
            items = []
            for i, item in enumerate(node.value):
                self.positions.setdefault(path + (i,), (item.start_mark.line + 1, item.start_mark.column + 1))
                items.append(self.build(item, path + (i,)))
            return items
        assert isinstance(node, yaml.ScalarNode)
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # a date-like value: keep the text the user wrote
        if node.tag not in _SCALAR_TAGS:
            raise self.refuse_tag(node, path)
        try:
            return self._constructor.construct_object(node)
        except (ValueError, IndexError, KeyError, TypeError, yaml.YAMLError):
            # e.g. `0b_` or `!!int abc`: YAML calls it a number but it is none.
            kind = {"int": "a whole number", "float": "a number", "bool": "true or false"}.get(node.tag.rsplit(":", 1)[-1], "a value")
            raise self.fail(node, f"cannot read '{node.value}' as {kind}; write a plain number or plain text", path) from None


def read_bytes(source: str | Path) -> bytes:
    """The bytes of a scenario file; :class:`ScenarioError` for a missing, unreadable,
    directory or oversized path."""
    label = str(source)
    path = Path(source)
    if not path.exists():
        raise ScenarioError(label, "no such file; check the path (scenario files end in .yaml)")
    if path.is_dir():
        raise ScenarioError(label, "is a directory, not a scenario file; give the path of a .yaml file")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScenarioError(label, f"the file is {size:,} bytes; scenario files may be at most {MAX_FILE_BYTES:,} bytes")
        with path.open("rb") as fh:
            # Read one byte past the limit: a file that grows after stat() is still caught.
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ScenarioError(label, f"cannot be read: {exc.strerror or exc}") from None


def read_yaml(source: str | Path, text: bytes | str | None = None) -> YamlDocument:
    """Read a scenario file (or ``text`` labelled ``source``) into a :class:`YamlDocument`.

    Raises :class:`ScenarioError` for a missing or unreadable file, non-UTF-8 or binary
    content, a file over :data:`MAX_FILE_BYTES`, YAML syntax errors, an empty file,
    duplicate keys, tags and alias bombs.
    """
    label = str(source)
    raw: bytes | str = read_bytes(source) if text is None else text
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise ScenarioError(label, f"the file is {len(raw):,} bytes; scenario files may be at most {MAX_FILE_BYTES:,} bytes")
        if b"\x00" in raw:
            raise ScenarioError(label, "this is a binary file, not a YAML text file")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line: int | None = raw[: exc.start].count(b"\n") + 1  # type: ignore[arg-type]  # raw is still bytes here
            raise ScenarioError(label, "the file is not UTF-8 text; save it as UTF-8", line=line) from None
    content: str = raw
    if content.lstrip("\ufeff").strip() == "" or all(
        ln.strip() == "" or ln.lstrip().startswith("#") for ln in content.splitlines()
    ):
        raise ScenarioError(label, "the file is empty; a scenario needs at least horizon_years and the model keys (see `roi-sim schema`)")
    try:
        node = yaml.compose(content, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{exc.context}, {problem}"
        raise ScenarioError(
            label, f"YAML syntax error: {problem}", line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None
        ) from None
    except yaml.reader.ReaderError as exc:
        line = content[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else None
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        raise ScenarioError(
            label, f"the file contains a control character ({char}) that YAML does not allow; remove it", line=line
        ) from None
    except yaml.YAMLError as exc:
        raise ScenarioError(label, f"YAML error: {exc}") from None
    except RecursionError:
        raise ScenarioError(label, "the YAML is nested too deeply") from None
    if node is None:
        raise ScenarioError(label, "the file is empty; a scenario needs at least horizon_years and the model keys (see `roi-sim schema`)")
    builder = _Builder(label)
    builder.positions[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise ScenarioError(label, "the YAML is nested too deeply") from None
    except yaml.YAMLError as exc:  # a scalar the safe constructor cannot read
        raise ScenarioError(label, f"YAML error: {exc}") from None
    if not isinstance(data, dict):
        raise ScenarioError(
            label,
            "the top level must be a mapping of keys (name: …, horizon_years: …), not a "
            + {list: "list", str: "single text value"}.get(type(data), "single value"),  # type: ignore[call-overload]
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
        )
    return YamlDocument(data, builder.positions)


# --------------------------------------------------------------------------- schema


@dataclass(frozen=True)
class ParamInfo:
    """What a numeric model parameter means and which values it may take."""

    description: str
    low: float
    high: float
    low_exclusive: bool = False
    kind: Literal["rate", "money", "count", "years"] = "money"


#: Statutory minimum wage 2026 for a year, including 8% holiday pay (docs/facts.md §2: WML
#: referentiemaandloon EUR 2,294.40 x 12 x 1.08 = EUR 29,735.42).
MINIMUM_WAGE_2026 = 29_735.42

#: The model's numeric parameters that may be uncertain, in the order they are drawn.
PARAMETERS: dict[str, ParamInfo] = {
    "cohort_size": ParamInfo("Clients per intake year (draws are rounded to whole clients).", 0, MAX_COHORT_SIZE, kind="count"),
    "cost_per_client": ParamInfo("Trajectory cost per client in EUR, paid in the month the cohort starts.", 0, math.inf),
    "annual_benefit_cost": ParamInfo("What one client on benefit costs the municipality per year, in EUR.", 0, math.inf),
    "outflow_rate": ParamInfo(
        "Share of the cohort off benefit at the end of the outflow window (what a pilot measures; "
        "includes people who would have left anyway). A fraction: 0.30 for 30%.",
        0, 1, kind="rate",
    ),
    "baseline_outflow_rate": ParamInfo(
        "Annual share that leaves benefit without any programme (the counterfactual). A fraction. Default 0.", 0, 1, kind="rate"
    ),
    "time_out_of_benefits_years": ParamInfo(
        "How long a client who leaves stays off benefit, in years: the mean stay (exponential relapse) "
        "or the exact stay (fixed relapse). Not used by levelling relapse.",
        0, math.inf, low_exclusive=True, kind="years",
    ),
    "relapse_within_12_months": ParamInfo(
        "Levelling relapse: share of leavers back on benefit within 12 months (Divosa: about 0.20).", 0, 1, kind="rate"
    ),
    "relapse_ever": ParamInfo(
        "Levelling relapse: share of leavers who ever come back; the rest stay off for good (Divosa: about 0.35 "
        "within five years). At least relapse_within_12_months.",
        0, 1, kind="rate",
    ),
    "subsidised_share": ParamInfo(
        "Share of the programme's leavers who work with wage-cost subsidy (loonkostensubsidie). Default 0.", 0, 1, kind="rate"
    ),
    "wage_value": ParamInfo(
        "Wage value (loonwaarde) as a fraction of the minimum wage: sets the subsidy, min(1 − wage_value, 0.70), "
        "and the value of the work in the societal ledger. Default 1.",
        0, 1, kind="rate",
    ),
    "benefit_saved_share": ParamInfo(
        "Share of the benefit saved while a client is off benefit: 1 for a full exit, less for part-time work "
        "that reduces the benefit (0.5 halves it). Also the share of full-time work done. Default 1.",
        0, 1, kind="rate",
    ),
    "minimum_wage_annual": ParamInfo(
        "Statutory minimum wage per year including holiday pay, EUR. Default 29,735.42 (2026, facts.md §2).", 0, math.inf
    ),
    "caseload": ParamInfo("Clients per FTE of programme staff (klantmanagers).", 0, math.inf, low_exclusive=True, kind="count"),
    "annual_cost_per_fte": ParamInfo("Annual cost of one FTE of programme staff, EUR. Default 0.", 0, math.inf),
    "programme_months": ParamInfo("Months a client spends in the programme (staff time and social value). Default 12.", 0, 600, kind="count"),
    "fixed_annual_cost": ParamInfo("Fixed team cost per intake year, EUR, paid when the year's cohort starts. Default 0.", 0, math.inf),
    "startup_cost": ParamInfo("One-off start-up cost, EUR, paid in the first month. Default 0.", 0, math.inf),
    "social_value_per_participant_year": ParamInfo(
        "Societal ledger only: social value per participant per year in the programme, EUR (e.g. health, "
        "less isolation, for the 20–50% tier). Default 0.",
        0, math.inf,
    ),
}

SCENARIO_ONLY_KEYS = ("horizon_years", "discount_rate", "iterations", "seed")
MODEL_DEFAULTS: dict[str, Any] = {
    "intake_years": 1,
    "outflow_window_months": 12,
    "baseline_outflow_rate": 0.0,
    "relapse_model": "exponential",
    "subsidised_share": 0.0,
    "wage_value": 1.0,
    "benefit_saved_share": 1.0,
    "minimum_wage_annual": MINIMUM_WAGE_2026,
    "caseload": 1.0,  # only used with annual_cost_per_fte, which then requires it to be set
    "annual_cost_per_fte": 0.0,
    "programme_months": 12.0,
    "fixed_annual_cost": 0.0,
    "startup_cost": 0.0,
    "social_value_per_participant_year": 0.0,
}
REQUIRED_MODEL_KEYS = ("cohort_size", "cost_per_client", "annual_benefit_cost", "outflow_rate")
RELAPSE_KEYS = {
    "exponential": ("time_out_of_benefits_years",),
    "fixed": ("time_out_of_benefits_years",),
    "levelling": ("relapse_within_12_months", "relapse_ever"),
}


def _number_or_distribution(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("number_or_distribution", "expected a number or a distribution, got {got}", {"got": str(value).lower()})
    if isinstance(value, (int, float)):
        return {"dist": "fixed", "value": value}
    if isinstance(value, dict):
        return value
    raise PydanticCustomError(
        "number_or_distribution",
        "expected a number or a distribution such as {example}, got {got}",
        {"example": "{dist: beta, mean: 0.3, sd: 0.05}", "got": repr(value) if not isinstance(value, str) else _describe_value(value)},
    )


Uncertain = Annotated[
    Distribution,
    BeforeValidator(_number_or_distribution, json_schema_input_type=Union[float, Distribution]),  # noqa: UP007 (a runtime value for pydantic)
]


def _uncertain(name: str) -> Any:
    return Field(default=None, description=PARAMETERS[name].description)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)


class ModelKeys(_Strict):
    """The model keys a strategy may override."""

    cohort_size: Uncertain | None = _uncertain("cohort_size")
    intake_years: int | None = Field(
        default=None, ge=1, le=MAX_HORIZON_YEARS, description="Number of yearly intake cohorts; cohort k starts in month 12·k. Default 1."
    )
    cost_per_client: Uncertain | None = _uncertain("cost_per_client")
    annual_benefit_cost: Uncertain | None = _uncertain("annual_benefit_cost")
    outflow_rate: Uncertain | None = _uncertain("outflow_rate")
    outflow_window_months: int | None = Field(
        default=None, ge=1, le=12 * MAX_HORIZON_YEARS,
        description="Months after the start of a cohort during which the programme works. Default 12.",
    )
    baseline_outflow_rate: Uncertain | None = Field(default=None, description=PARAMETERS["baseline_outflow_rate"].description + " Default 0.")
    time_out_of_benefits_years: Uncertain | None = _uncertain("time_out_of_benefits_years")
    relapse_model: Literal["exponential", "fixed", "levelling"] | None = Field(
        default=None,
        description="exponential (default): each month an off-benefit client returns with probability 1/(12·D); "
        "fixed: exactly round(12·D) months off; levelling: a durable share never returns, the others return "
        "at a monthly hazard (relapse_within_12_months, relapse_ever).",
    )
    relapse_within_12_months: Uncertain | None = _uncertain("relapse_within_12_months")
    relapse_ever: Uncertain | None = _uncertain("relapse_ever")
    subsidised_share: Uncertain | None = _uncertain("subsidised_share")
    wage_value: Uncertain | None = _uncertain("wage_value")
    benefit_saved_share: Uncertain | None = _uncertain("benefit_saved_share")
    minimum_wage_annual: Uncertain | None = _uncertain("minimum_wage_annual")
    caseload: Uncertain | None = _uncertain("caseload")
    annual_cost_per_fte: Uncertain | None = _uncertain("annual_cost_per_fte")
    programme_months: Uncertain | None = _uncertain("programme_months")
    fixed_annual_cost: Uncertain | None = _uncertain("fixed_annual_cost")
    startup_cost: Uncertain | None = _uncertain("startup_cost")
    social_value_per_participant_year: Uncertain | None = _uncertain("social_value_per_participant_year")


_GroupName = Annotated[str, Field(min_length=1)]


class GroupModel(ModelKeys):
    """A target group (e.g. a wage-value tier): model keys that differ from the base, and how many clients it has."""

    clients_available: int | None = Field(
        default=None, ge=0, description="Clients in this group; what strategies take in over all intake years may not exceed it."
    )


class StrategyModel(ModelKeys):
    """One strategy: the base scenario with some model keys overridden."""

    name: str = Field(min_length=1, description="Unique name of the strategy.")
    allocation: dict[_GroupName, Annotated[int, Field(ge=0)]] | None = Field(
        default=None, description="Clients per intake year taken in from each named group."
    )
    budget: dict[_GroupName, Annotated[float, Field(ge=0)]] | None = Field(
        default=None,
        description="EUR per intake year spent on each named group; buys clients at the group's mean cost per client "
        "(trajectory plus staff), rounded down.",
    )


class CorrelationModel(_Strict):
    """A rank (Spearman) correlation between two uncertain top-level parameters."""

    between: list[str] = Field(min_length=2, max_length=2, description="The two parameters, e.g. [cost_per_client, outflow_rate].")
    rank_correlation: float = Field(gt=-1, lt=1, description="Spearman rank correlation, strictly between -1 and 1.")


class ScenarioModel(ModelKeys):
    """A roi-sim scenario file. Model keys at the top level are the base every strategy starts from."""

    name: str | None = Field(default=None, min_length=1, description="Name of the scenario; default the file name.")
    horizon_years: int = Field(ge=1, le=MAX_HORIZON_YEARS, description="Years simulated from the first intake (1..50).")
    discount_rate: Uncertain | None = Field(
        default=None, description="Annual discount rate, 0..0.2 (Dutch MKBA standard: 0.0225). Default 0."
    )
    iterations: int = Field(default=20_000, ge=1, le=MAX_ITERATIONS, description="Monte Carlo iterations. Default 20000.")
    seed: int = Field(default=0, ge=0, le=2**63 - 1, description="Random seed: same seed, same numbers. Default 0.")
    correlations: list[CorrelationModel] | None = Field(
        default=None,
        description="Rank correlations between uncertain top-level parameters, sampled through a Gaussian copula "
        "(each parameter keeps its own distribution).",
    )
    groups: dict[_GroupName, GroupModel] | None = Field(
        default=None, description="Target groups (e.g. wage-value tiers), each with the model keys where it differs from the base."
    )
    strategies: list[StrategyModel] | None = Field(
        default=None, min_length=1, description="Strategies to compare; each overrides model keys of the base."
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file (for editors' completion and checking)."""
    schema = ScenarioModel.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "roi-sim scenario"
    return schema


# --------------------------------------------------------------------------- resolved scenario


@dataclass(frozen=True)
class PartSpec:
    """One simulated unit of a strategy: the whole plan, or the clients it takes from one group.

    ``sources`` says where each uncertain parameter's draw comes from, for common random
    numbers: ``"base"`` (shared by everyone who inherits it), ``"group"`` (shared by every
    strategy investing in that group), ``"strategy"`` (the strategy's own draw, shared by its
    parts) or ``"fixed"`` (a number set by the part itself, e.g. clients from an allocation).
    """

    group: str | None
    params: dict[str, Distribution]
    sources: dict[str, str]
    intake_years: int
    outflow_window_months: int
    relapse_model: Literal["exponential", "fixed", "levelling"]


@dataclass(frozen=True)
class StrategySpec:
    """A strategy resolved into the parts that are simulated and added up."""

    name: str
    parts: tuple[PartSpec, ...]


@dataclass(frozen=True)
class GroupSpec:
    """A target group as declared in the scenario."""

    name: str
    clients_available: int | None
    #: Parameters the group sets itself (drawn from the group's own streams).
    params: dict[str, Distribution]
    #: The group on its own (base < group), as a part: what `roi-sim allocate` prices.
    part: PartSpec | None = None


@dataclass(frozen=True)
class Scenario:
    """A validated scenario, ready to simulate."""

    name: str
    source: str
    sha256: str
    horizon_years: int
    discount_rate: Distribution
    iterations: int
    seed: int
    strategies: tuple[StrategySpec, ...]
    #: Parameters set (or defaulted) at the top level; the draws every part inherits.
    base_params: dict[str, Distribution]
    groups: dict[str, GroupSpec] = field(default_factory=dict)
    #: Parameters drawn jointly (Gaussian copula) and the normal-scale correlation matrix.
    correlated: tuple[str, ...] = ()
    copula_matrix: tuple[tuple[float, ...], ...] = ()

    @property
    def horizon_months(self) -> int:
        return 12 * self.horizon_years


def load_scenario(path: str | Path) -> Scenario:
    """Read, validate and resolve a scenario file. Raises :class:`ScenarioError`."""
    return parse_scenario(read_bytes(path), str(path))


def parse_scenario(text: str | bytes, source: str = "<scenario>") -> Scenario:
    """Validate a scenario given as text (for tests and tools). Raises :class:`ScenarioError`."""
    doc = read_yaml(source, text)
    raw = text.encode() if isinstance(text, str) else text
    return scenario_from_document(doc, source, hashlib.sha256(raw).hexdigest(), default_name=Path(source).stem)


def scenario_from_document(doc: YamlDocument, source: str, sha256: str, default_name: str) -> Scenario:
    """Validate parsed YAML against the schema and resolve strategies."""
    _check_no_empty_values(doc, source)
    _check_strategy_keys(doc, source)
    try:
        model = ScenarioModel.model_validate(doc.data)
    except ValidationError as exc:
        raise _translate(exc, doc, source) from None
    return _check_semantics(model, doc, source, default_name, sha256)


def _check_no_empty_values(doc: YamlDocument, source: str) -> None:
    """`intake_years:` with nothing after it is a mistake, not a request for the default."""

    def walk(value: Any, path: KeyPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if item is None:
                    line, col = doc.locate(path + (key,))
                    raise ScenarioError(
                        source, "has no value; give one, or remove the key to use the default",
                        line=line, column=col, key=format_path(path + (key,)),
                    )
                walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))

    walk(doc.data, ())


def _check_strategy_keys(doc: YamlDocument, source: str) -> None:
    strategies = doc.data.get("strategies")
    if not isinstance(strategies, list):
        return
    for i, entry in enumerate(strategies):
        if not isinstance(entry, dict):
            continue
        for key in SCENARIO_ONLY_KEYS:
            if key in entry:
                line, col = doc.locate(("strategies", i, key))
                raise ScenarioError(
                    source,
                    f"'{key}' belongs to the whole scenario and cannot be set per strategy; move it to the top level",
                    line=line, column=col, key=format_path(("strategies", i, key)),
                )


def _allowed_keys(model_path: KeyPath, data: Any) -> tuple[str, ...]:
    """Keys allowed in the mapping at ``model_path``, for "did you mean" hints."""
    if not model_path:
        return tuple(ScenarioModel.model_fields)
    if len(model_path) == 2 and model_path[0] == "strategies":
        return tuple(StrategyModel.model_fields)
    if len(model_path) == 2 and model_path[0] == "groups":
        return tuple(GroupModel.model_fields)
    if isinstance(data, dict) and data.get("dist") in DIST_KEYS:
        return DIST_KEYS[data["dist"]]
    return ()


def _walk(data: Any, loc: tuple[Any, ...]) -> tuple[KeyPath, Any, list[Any]]:
    """Follow a pydantic error location through the data; pydantic inserts union tags
    (e.g. 'beta') that are not in the file, so those are skipped."""
    path: list[Any] = []
    node = data
    rest: list[Any] = []
    for i, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part in DIST_NAMES and node.get("dist") == part:
            continue
        else:
            rest = list(loc[i:])
            break
    return tuple(path), node, rest


def _looks_numeric(text: str) -> bool:
    try:
        float(text.replace("_", ""))
    except ValueError:
        return False
    return True


def _describe_value(value: Any) -> str:
    if isinstance(value, str):
        if _looks_numeric(value):
            return f"the text '{value}' (YAML reads 1e5 as text: write 100000 or 1.0e+5)"
        return f"the text '{value}'"
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _translate(exc: ValidationError, doc: YamlDocument, source: str) -> ScenarioError:
    """Turn the most useful pydantic error into a one-line :class:`ScenarioError`."""
    errors = exc.errors(include_url=False)
    # Unknown keys first: a typo explains the 'missing' error that often comes with it.
    order = {"extra_forbidden": 0, "union_tag_invalid": 1, "union_tag_not_found": 1}
    err = sorted(errors, key=lambda e: order.get(e["type"], 2))[0]
    loc = tuple(err["loc"])
    path, node, rest = _walk(doc.data, loc)
    kind = err["type"]
    value = err.get("input")
    msg = err["msg"]
    if kind == "extra_forbidden":
        key = path[-1] if path else (rest[0] if rest else "?")
        parent_path = path[:-1]
        _, parent, _ = _walk(doc.data, parent_path)
        allowed = list(_allowed_keys(parent_path, parent))
        unused = [k for k in allowed if k not in (parent or {})]
        guess = difflib.get_close_matches(str(key), unused, n=1, cutoff=0.6)
        hint = f"; did you mean '{guess[0]}'?" if guess else ""
        listing = ", ".join(sorted(allowed)) if allowed else "none"
        msg = f"unknown key '{key}'{hint} (allowed here: {listing})"
    elif kind == "missing":
        key = rest[0] if rest else (path[-1] if path else "?")
        path = path + (key,) if rest else path
        line, col = doc.locate(path)
        where = format_path(path[:-1])
        return ScenarioError(source, f"'{key}' is required{' in ' + where if where else ''} but missing", line=line, column=col, key=format_path(path))
    elif kind == "union_tag_invalid":
        tag = err["ctx"]["tag"]
        guess = difflib.get_close_matches(str(tag), DIST_NAMES, n=1, cutoff=0.5)
        hint = f"did you mean '{guess[0]}'? " if guess else ""
        msg = f"unknown distribution '{tag}'; {hint}allowed: {', '.join(DIST_NAMES)}"
        path = path + ("dist",) if isinstance(node, dict) and "dist" in node else path
    elif kind == "union_tag_not_found":
        msg = f"a distribution needs a 'dist' key, one of: {', '.join(DIST_NAMES)} (or write a plain number)"
    elif kind == "value_error":
        msg = msg.removeprefix("Value error, ")
        if isinstance(node, dict) and node.get("dist"):
            msg = f"{node['dist']} distribution: {msg}"
    elif kind in ("int_type", "int_from_float"):
        msg = f"must be a whole number, got {_describe_value(value)}"
    elif kind in ("float_type",):
        msg = f"must be a number, got {_describe_value(value)}"
    elif kind == "finite_number":
        msg = "must be a finite number (NaN and infinity are not allowed)"
    elif kind in ("string_type",):
        msg = f"must be text, got {_describe_value(value)}; put it in quotes"
    elif kind in ("list_type",):
        msg = f"must be a list (entries starting with '- '), got {_describe_value(value)}"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        msg = f"must be a mapping of keys, got {_describe_value(value)}"
    elif kind == "literal_error":
        expected = err["ctx"]["expected"]
        guess = difflib.get_close_matches(str(value), ["exponential", "fixed"], n=1, cutoff=0.5)
        hint = f"; did you mean '{guess[0]}'?" if guess else ""
        msg = f"{_describe_value(value)} is not allowed{hint} (allowed: {expected.replace(' or ', ', ')})"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = err["ctx"]
        bound = next(iter(ctx.values()))
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        word = {"greater_than_equal": "at least", "less_than_equal": "at most", "greater_than": "above", "less_than": "below"}[kind]
        msg = f"must be {word} {bound:,} (got {value:,})" if isinstance(value, (int, float)) else f"must be {word} {bound}"
        if path and path[-1] == "iterations" and kind == "less_than_equal":
            msg += ": each iteration keeps its results in memory; run fewer iterations"
    elif kind == "too_short":
        msg = "must not be empty"
    elif kind == "number_or_distribution":
        pass
    line, col = doc.locate(path)
    return ScenarioError(source, msg, line=line, column=col, key=format_path(path) or None)


def _fmt_num(x: float) -> str:
    return f"{x:g}"


def _range_words(name: str, info: ParamInfo) -> str:
    if info.kind == "rate":
        return "between 0 and 1"
    if info.low_exclusive:
        return "above 0"
    if info.high < math.inf:
        return f"between {_fmt_num(info.low)} and {info.high:,.0f}"
    return "0 or more"


def check_parameter(name: str, dist: Distribution, info: ParamInfo) -> str | None:
    """Why ``dist`` is not allowed for parameter ``name`` (None when it is allowed)."""
    lo, hi = dist.support()
    below = lo < info.low or (info.low_exclusive and lo <= info.low)
    above = hi > info.high
    if not (below or above):
        return None
    allowed = _range_words(name, info)
    if dist.is_fixed:
        value = dist.mean()
        if info.kind == "rate" and 1 < value <= 100:
            return f"{_fmt_num(value)} is not a rate: a rate is a fraction between 0 and 1; write {value / 100:g} for {_fmt_num(value)}%"
        return f"{_fmt_num(value)} is out of range: must be {allowed}"
    kind = dist.dist
    if kind == "normal":
        fixes = []
        if below:
            fixes.append(f"low: {_fmt_num(info.low)}" if not info.low_exclusive else "a low above 0")
        if above:
            fixes.append(f"high: {_fmt_num(info.high)}")
        alt = " or use a beta distribution" if info.kind == "rate" else " or use a gamma or lognormal distribution"
        bounds = " and ".join(fixes)
        return f"this normal distribution can give values outside the allowed range ({allowed}); add {bounds}{alt}"
    if kind in ("lognormal", "gamma"):
        return f"a {kind} distribution can exceed 1, but this parameter must be {allowed}; use a beta distribution for a rate"
    if kind in ("uniform", "triangular", "pert"):
        if below:
            return f"low {_fmt_num(lo)} is out of range: this parameter must be {allowed}"
        if info.kind == "rate" and 1 < hi <= 100:
            return f"high {_fmt_num(hi)} is not a rate: a rate is a fraction between 0 and 1; write {hi / 100:g} for {_fmt_num(hi)}%"
        return f"high {_fmt_num(hi)} is out of range: this parameter must be {allowed}"
    return f"a {kind} distribution can leave the allowed range ({allowed})"


DISCOUNT_INFO = ParamInfo("Annual discount rate.", 0, 0.2, kind="rate")


def _as_dist(value: Any) -> Distribution:
    return fixed(float(value)) if isinstance(value, (int, float)) else value


def _set_keys(keys: ModelKeys) -> dict[str, Any]:
    return {k: getattr(keys, k) for k in ModelKeys.model_fields if getattr(keys, k) is not None}


def per_client_cost(params: dict[str, Distribution]) -> float:
    """Mean programme cost of one client: trajectory plus staff time (FTE cost / caseload × months)."""
    staff = params["annual_cost_per_fte"].mean() / params["caseload"].mean() * params["programme_months"].mean() / 12
    return params["cost_per_client"].mean() + staff


def _check_semantics(model: ScenarioModel, doc: YamlDocument, source: str, default_name: str, sha256: str) -> Scenario:
    def fail(path: KeyPath, message: str) -> ScenarioError:
        line, col = doc.locate(path)
        return ScenarioError(source, message, line=line, column=col, key=format_path(path) or None)

    # Ranges of every numeric parameter, wherever it is set.
    places: list[tuple[KeyPath, ModelKeys]] = [((), model)]
    places += [(("groups", g), grp) for g, grp in (model.groups or {}).items()]
    places += [(("strategies", i), strat) for i, strat in enumerate(model.strategies or [])]
    for prefix, keys in places:
        for name, info in PARAMETERS.items():
            dist = getattr(keys, name)
            if dist is None:
                continue
            problem = check_parameter(name, dist, info)
            if problem:
                raise fail(prefix + (name,), problem)
    if model.discount_rate is not None:
        lo, hi = model.discount_rate.support()
        if lo < 0 or hi > 0.2:
            if model.discount_rate.is_fixed and 1 < hi <= 100:
                problem = f"{_fmt_num(hi)} is not a rate: write {hi / 100:g} for {_fmt_num(hi)}% (the Dutch MKBA standard is 0.0225)"
            else:
                problem = "must lie between 0 and 0.2 (the Dutch MKBA standard is 0.0225)" + (
                    "" if model.discount_rate.is_fixed else "; bound the distribution to 0..0.2"
                )
            raise fail(("discount_rate",), problem)

    groups = model.groups or {}
    base_set = _set_keys(model)
    defaults = {k: v for k, v in MODEL_DEFAULTS.items()}
    if model.strategies is None and groups:
        # Target groups without strategies: a menu to price (`roi-sim allocate`), no plan to run.
        entries: list[tuple[KeyPath, str, StrategyModel | None]] = []
    elif model.strategies is None:
        entries = [((), model.name or default_name, None)]
    else:
        entries = []
        seen: dict[str, int] = {}
        for i, strat in enumerate(model.strategies):
            if strat.name in seen:
                raise fail(
                    ("strategies", i, "name"),
                    f"duplicate strategy name '{strat.name}' (also strategy {seen[strat.name] + 1}); strategy names must be unique",
                )
            seen[strat.name] = i
            entries.append((("strategies", i), strat.name, strat))

    specs = []
    for path, name, strat in entries:  # type: ignore[assignment]  # strat may be None here
        own = {k: v for k, v in _set_keys(strat).items() if k not in ("name", "allocation", "budget")} if strat else {}
        wanted: list[tuple[str, str, float]] = []  # (group, how, amount)
        for how in ("allocation", "budget"):
            for g, amount in ((getattr(strat, how) or {}) if strat else {}).items():
                if g not in groups:
                    guess = difflib.get_close_matches(g, list(groups), n=1, cutoff=0.5)
                    hint = f"; did you mean '{guess[0]}'?" if guess else ""
                    known = ", ".join(groups) if groups else "none: declare them under 'groups'"
                    raise fail(path + (how, g), f"unknown group '{g}'{hint} (groups: {known})")
                if any(w[0] == g for w in wanted):
                    raise fail(path + (how, g), f"group '{g}' is in both allocation and budget; give one of them")
                wanted.append((g, how, amount))
        # One part per group invested in (base < group < strategy), or the whole plan.
        part_plans: list[tuple[str | None, str, float, dict[str, Any], KeyPath]] = []
        if not wanted:
            part_plans.append((None, "", 0.0, {**defaults, **base_set, **own}, path))
        for g, how, amount in wanted:
            group_set = {k: v for k, v in _set_keys(groups[g]).items() if k != "clients_available"}
            part_plans.append((g, how, amount, {**defaults, **base_set, **group_set, **own}, path + (how, g)))
        parts = []
        for g, how, amount, merged, where in part_plans:
            relapse = merged["relapse_model"]
            what = f"strategy '{name}'" if path else "the scenario"
            if g is not None:
                what += f", group '{g}'"
            needed = [k for k in REQUIRED_MODEL_KEYS if not (g is not None and k == "cohort_size")]
            for key in (*needed, *RELAPSE_KEYS[relapse]):
                if merged.get(key) is None:
                    extra = f" (needed by relapse_model {relapse})" if key in RELAPSE_KEYS[relapse] else ""
                    raise fail(where, f"'{key}' is required but missing for {what}{extra}: set it at the top level, in the group or in the strategy")
            if merged["intake_years"] > model.horizon_years:
                key_path = path + ("intake_years",) if "intake_years" in own else ("intake_years",)
                raise fail(
                    key_path,
                    f"intake_years ({merged['intake_years']}) is more than horizon_years ({model.horizon_years}): "
                    "every intake must start within the horizon",
                )
            fte_cost = _as_dist(merged["annual_cost_per_fte"])
            caseload_set = "caseload" in {**base_set, **own, **({} if g is None else _set_keys(groups[g]))}
            if not (fte_cost.is_fixed and fte_cost.mean() == 0) and not caseload_set:
                raise fail(where, f"annual_cost_per_fte is set for {what} but caseload (clients per FTE) is not; set caseload")
            if relapse == "levelling":
                within, ever = _as_dist(merged["relapse_within_12_months"]), _as_dist(merged["relapse_ever"])
                if within.is_fixed and ever.is_fixed and within.mean() > ever.mean():
                    raise fail(
                        where if "relapse_within_12_months" not in own else path + ("relapse_within_12_months",),
                        f"relapse_within_12_months ({within.mean():g}) cannot exceed relapse_ever ({ever.mean():g}): "
                        "those back within a year are among those who ever come back",
                    )
            params = {k: _as_dist(merged[k]) for k in PARAMETERS if merged.get(k) is not None}
            sources = {}
            for k in params:
                if k in own:
                    sources[k] = "strategy"
                elif g is not None and k in _set_keys(groups[g]):
                    sources[k] = "group"
                elif k in base_set:
                    sources[k] = "base"
                else:
                    sources[k] = "fixed"
            if g is not None:
                if how == "allocation":
                    clients = int(amount)
                else:
                    unit = per_client_cost(params)
                    if unit <= 0:
                        raise fail(where, f"group '{g}' costs nothing per client, so a budget cannot buy clients; use allocation")
                    clients = int(math.floor(amount / unit + 1e-9))
                params["cohort_size"] = fixed(float(clients))
                sources["cohort_size"] = "fixed"
                taken_total = clients * merged["intake_years"]
                cap = groups[g].clients_available
                if cap is not None and taken_total > cap:
                    raise fail(
                        where,
                        f"takes {taken_total:,} clients from group '{g}' ({clients:,} a year for {merged['intake_years']} "
                        f"year(s)), but it has only {cap:,} (clients_available)",
                    )
            parts.append(
                PartSpec(
                    group=g,
                    params=params,
                    sources=sources,
                    intake_years=merged["intake_years"],
                    outflow_window_months=merged["outflow_window_months"],
                    relapse_model=relapse,
                )
            )
        specs.append(StrategySpec(name=name, parts=tuple(parts)))
    base_params = {k: _as_dist(v) for k, v in {**defaults, **base_set}.items() if k in PARAMETERS and v is not None}
    group_specs = {}
    for g, grp in groups.items():
        own_set = {k: v for k, v in _set_keys(grp).items() if k != "clients_available"}
        merged = {**defaults, **base_set, **own_set}
        params = {k: _as_dist(merged[k]) for k in PARAMETERS if merged.get(k) is not None}
        complete = all(merged.get(k) is not None for k in (*REQUIRED_MODEL_KEYS[1:], *RELAPSE_KEYS[merged["relapse_model"]]))
        part = None
        if complete and merged["intake_years"] <= model.horizon_years:
            params.setdefault("cohort_size", fixed(0.0))
            part = PartSpec(
                group=g,
                params=params,
                sources={k: "group" if k in own_set else ("base" if k in base_set else "fixed") for k in params},
                intake_years=merged["intake_years"],
                outflow_window_months=merged["outflow_window_months"],
                relapse_model=merged["relapse_model"],
            )
        group_specs[g] = GroupSpec(g, grp.clients_available, {k: _as_dist(v) for k, v in own_set.items() if k in PARAMETERS}, part)
    discount = model.discount_rate if model.discount_rate is not None else fixed(0.0)
    correlated, matrix = _copula(model, doc, source, {**base_params, "discount_rate": discount})
    return Scenario(
        name=model.name or default_name,
        source=source,
        sha256=sha256,
        horizon_years=model.horizon_years,
        discount_rate=discount,
        iterations=model.iterations,
        seed=model.seed,
        strategies=tuple(specs),
        base_params=base_params,
        groups=group_specs,
        correlated=correlated,
        copula_matrix=matrix,
    )


def _copula(
    model: ScenarioModel, doc: YamlDocument, source: str, top: dict[str, Distribution]
) -> tuple[tuple[str, ...], tuple[tuple[float, ...], ...]]:
    """Check the correlations block and build the normal-scale correlation matrix of the
    Gaussian copula: a rank correlation rho_s needs r = 2 sin(pi rho_s / 6) between the
    underlying normals."""
    if not model.correlations:
        return (), ()
    allowed = [*PARAMETERS, "discount_rate"]
    names: list[str] = []
    pairs: dict[tuple[str, str], float] = {}
    for i, corr in enumerate(model.correlations):
        path: KeyPath = ("correlations", i, "between")
        line, col = doc.locate(path)
        a, b = corr.between
        for name in (a, b):
            if name not in allowed:
                guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
                hint = f"; did you mean '{guess[0]}'?" if guess else ""
                raise ScenarioError(source, f"unknown parameter '{name}'{hint}", line=line, column=col, key=format_path(path))
            if name not in top or top[name].is_fixed:
                raise ScenarioError(
                    source,
                    f"'{name}' is not uncertain at the top level; only top-level distributions can be correlated",
                    line=line, column=col, key=format_path(path),
                )
        if a == b:
            raise ScenarioError(source, f"a parameter cannot be correlated with itself ('{a}')", line=line, column=col, key=format_path(path))
        key = tuple(sorted((a, b)))
        if key in pairs:
            raise ScenarioError(source, f"the pair {a}, {b} is correlated twice; keep one", line=line, column=col, key=format_path(path))
        pairs[key] = corr.rank_correlation  # type: ignore[index]
        names += [n for n in (a, b) if n not in names]
    d = len(names)
    matrix = [[1.0 if r == c else 0.0 for c in range(d)] for r in range(d)]
    for (a, b), rho in pairs.items():
        r = 2 * math.sin(math.pi * rho / 6)
        i, j = names.index(a), names.index(b)
        matrix[i][j] = matrix[j][i] = r
    import numpy as np

    if np.linalg.eigvalsh(np.array(matrix)).min() <= 1e-10:
        line, col = doc.locate(("correlations",))
        raise ScenarioError(
            source, "these correlations cannot all hold at once (the correlation matrix is not positive definite); weaken some",
            line=line, column=col, key="correlations",
        )
    return tuple(names), tuple(tuple(row) for row in matrix)
