"""Who is asking and what they may do. The only package that filters by tenant or checks roles."""
