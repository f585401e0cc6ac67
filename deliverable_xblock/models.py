"""Models of deliverable_xblock."""
