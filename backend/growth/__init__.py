"""Growth map (成长地图): career tracks whose level requirements are rules over verified evidence
records; progress is computed by a job, never typed in."""
