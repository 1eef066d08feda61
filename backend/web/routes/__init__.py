"""HTTP routes that are not GraphQL: health, sign-in, the PWA's static files."""
