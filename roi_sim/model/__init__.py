"""The model room: the pure numpy engine, simulation over seed blocks, per-iteration metrics."""
