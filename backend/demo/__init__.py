"""The seeded demo organisation (`seen seed`, `seen demo`)."""
