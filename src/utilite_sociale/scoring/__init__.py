"""Scoring engine: denomination, imputation, outlier treatment, normalisation, aggregation."""
