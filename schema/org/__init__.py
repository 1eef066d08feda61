"""GraphQL for the organisation: people, departments, sites, the viewer."""
