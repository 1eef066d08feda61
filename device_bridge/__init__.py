"""Standalone relay between LAN time clocks and Seen (issue: attendance). Imports nothing of ours;
talks to the backend over signed HTTP only."""
