"""Calame's benchmarks: quality and speed figures against baselines measured in the same run.

``python -m bench`` runs every ``bench/<name>.py`` that defines ``main()``;
``python -m bench keywords readability`` runs only those.
"""
