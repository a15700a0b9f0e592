"""Thin Qt item-model adapters over core records."""
