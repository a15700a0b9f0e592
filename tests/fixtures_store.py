"""Store fixtures (filled in with the store)."""
