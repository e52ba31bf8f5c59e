"""HPC array jobs: ``--shard I/N`` writes one shard's finished blocks; ``merge`` combines
the N shards into exactly the sweep JSON an unsharded run writes.

A shard is a NumPy ``.npz`` file (read with ``allow_pickle=False``): a JSON header (the
sweep, the settings, each row's scenario text, failures) and every block's arrays. Block
outputs are stored field by field, whatever their dataclasses hold, and rebuilt only from
``roi_sim`` dataclasses, so a shard file never runs code when it is read.
"""

from __future__ import annotations

import dataclasses
import importlib
import io
import json
from typing import Any

import numpy as np

from roi_sim.scenario.message_text import Msg
from roi_sim.sweep.runner import Assembler, RowOutcome, Settings, Task
from roi_sim.sweep.spec import Sweep, SweepRow

SHARD_FORMAT = "roi-sim-sweep-shard/1"


def _encode(obj: Any, arrays: dict[str, np.ndarray]) -> Any:
    if isinstance(obj, np.ndarray):
        key = f"a{len(arrays)}"
        arrays[key] = obj
        return {"array": key}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        cls = type(obj)
        fields = {f.name: _encode(getattr(obj, f.name), arrays) for f in dataclasses.fields(obj)}
        return {"dataclass": f"{cls.__module__}:{cls.__qualname__}", "fields": fields}
    if isinstance(obj, (list, tuple)):
        return {"list" if isinstance(obj, list) else "tuple": [_encode(x, arrays) for x in obj]}
    if isinstance(obj, dict):
        return {"dict": [[k, _encode(v, arrays)] for k, v in obj.items()]}
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return {"value": obj}
    raise TypeError(f"cannot store a {type(obj).__name__} in a shard")


def _decode(node: Any, arrays: Any) -> Any:
    if "array" in node:
        return arrays[node["array"]]
    if "dataclass" in node:
        module, name = node["dataclass"].split(":")
        if not module.startswith("roi_sim."):
            raise ValueError(Msg("the shard names a class outside roi_sim ({module}); it is not a roi-sim shard", module=module))
        cls = importlib.import_module(module)
        for part in name.split("."):
            cls = getattr(cls, part)
        if not dataclasses.is_dataclass(cls):
            raise ValueError(Msg("the shard names {name}, which is not a roi-sim result", name=name))
        return cls(**{k: _decode(v, arrays) for k, v in node["fields"].items()})
    if "list" in node:
        return [_decode(x, arrays) for x in node["list"]]
    if "tuple" in node:
        return tuple(_decode(x, arrays) for x in node["tuple"])
    if "dict" in node:
        return {k: _decode(v, arrays) for k, v in node["dict"]}
    return node["value"]


def shard_bytes(
    sweep: Sweep, settings: Settings, index: int, count: int, done: dict[Task, Any], errors: dict[int, str], meta: dict[str, Any]
) -> bytes:
    """The shard file's bytes: header and every finished task of this shard."""
    arrays: dict[str, np.ndarray] = {}
    touched = sorted({t.row for t in done} | set(errors))
    header = {
        "format": SHARD_FORMAT,
        "sweep": meta,
        "shard": [index, count],
        "settings": dataclasses.asdict(settings),
        "rows": [{"name": r.name, "overrides": r.overrides} for r in sweep.rows],
        "texts": {str(i): sweep.rows[i].yaml_text for i in touched},
        "errors": {str(i): e for i, e in errors.items()},
        "tasks": [[t.row, t.block, _encode(v, arrays)] for t, v in done.items()],
    }
    arrays["header"] = np.frombuffer(json.dumps(header, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]
    return buffer.getvalue()


def _read(path: str) -> tuple[dict[str, Any], Any]:
    try:
        data = np.load(path, allow_pickle=False)
        header = json.loads(bytes(data["header"]).decode("utf-8"))
    except (OSError, ValueError, KeyError) as exc:
        raise ValueError(Msg("{path}: not a roi-sim sweep shard ({exc})", path=path, exc=exc)) from None
    if header.get("format") != SHARD_FORMAT:
        raise ValueError(Msg("{path}: not a roi-sim sweep shard (format {value!r}, expected {shard_format})", path=path, value=header.get('format'), shard_format=SHARD_FORMAT))
    return header, data


def merge_shards(paths: list[str]) -> tuple[dict[str, Any], list[RowOutcome]]:
    """Combine shards 1..N of one sweep into its outcomes. Raises ValueError naming the
    shard file when one is missing, doubled or from another sweep or setting."""
    from roi_sim.scenario.spec import parse_scenario
    from roi_sim.sweep.spec import Sweep as SweepT

    loaded = [(p, *_read(p)) for p in paths]
    first = loaded[0][1]
    count = first["shard"][1]
    seen: dict[int, str] = {}
    for path, header, _ in loaded:
        for key in ("sweep", "settings", "rows"):
            if header[key] != first[key]:
                raise ValueError(Msg("{path}: its {key} differ from {loaded}'s; merge the shards of one sweep run", path=path, key=key, loaded=loaded[0][0]))
        index, n = header["shard"]
        if n != count or index in seen:
            raise ValueError(Msg("{path}: shard {index}/{n} clashes with {value} (shards 1..{count} once each)", path=path, index=index, n=n, value=seen.get(index, loaded[0][0]), count=count))
        seen[index] = path
    missing = [str(i) for i in range(1, count + 1) if i not in seen]
    if missing:
        raise ValueError(Msg("shard(s) {missing} of {count} are missing; give every shard file", missing=', '.join(missing), count=count))
    texts = {int(k): v for _, h, _ in loaded for k, v in h["texts"].items()}
    rows = []
    for i, r in enumerate(first["rows"]):
        text = texts.get(i, "")
        scenario = parse_scenario(text, "<sweep row>") if text else None
        rows.append(SweepRow(r["name"], r["overrides"], text, "", scenario))  # type: ignore[arg-type]
    sweep = SweepT(first["sweep"]["file"], first["sweep"]["sha256"], first["sweep"]["scenario"], "", (), tuple(rows))
    settings = Settings(**first["settings"])
    assembler = Assembler(sweep, settings)
    errors: dict[int, str] = {}
    tasks = sorted(((t[0], -1 if t[1] is None else t[1], path, t[2]) for path, h, _ in loaded for t in h["tasks"]), key=lambda x: x[:2])
    arrays = {path: data for path, _, data in loaded}
    for row, block, path, node in tasks:
        assembler.add(Task(row, None if block < 0 else block), _decode(node, arrays[path]))
    for _, h, _ in loaded:
        errors.update({int(k): v for k, v in h["errors"].items()})
    return first["sweep"], assembler.outcomes(errors)
