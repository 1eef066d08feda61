"""Performance (绩效考核): review cycles, scorecards, scoring, tiers, bonus pools, anomaly review, appeals."""
