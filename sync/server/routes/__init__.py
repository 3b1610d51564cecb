"""HTTP routes, one module per resource; each only chains dependencies, crud calls and errors."""
