"""Background jobs (arq). A job parses primitive arguments and calls one backend function."""
