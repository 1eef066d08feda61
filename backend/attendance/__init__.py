"""Attendance: clock devices, bridge keys, PIN mappings and the raw punches the device bridge delivers."""
