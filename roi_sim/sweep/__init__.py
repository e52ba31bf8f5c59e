"""Sweeps: one scenario over many rows (municipalities or a grid), on any executor (issue 18)."""
