"""Organisation structure and people: departments (a tree), sites, employees."""
