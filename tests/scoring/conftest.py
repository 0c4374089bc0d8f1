import pytest


@pytest.fixture(scope="module", autouse=True)
def _nlp(nlp_fr):
    """Every score runs the French pipeline: load it before the first test, not inside it."""
    return nlp_fr
