"""The decisions room: compare, allocate, break-even, sensitivity, calibrate, value of information."""
