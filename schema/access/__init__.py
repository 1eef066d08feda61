"""GraphQL for kiosk credentials."""
