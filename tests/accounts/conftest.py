"""Account tests hash with small Argon2 parameters: the same algorithm and checks, without
spending 64 MB and three passes on each of the dozens of passwords the tests create."""

import pytest
from argon2 import PasswordHasher

from core.accounts import users


@pytest.fixture(autouse=True)
def quick_hasher(monkeypatch):
    quick = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(users, "HASHER", quick)
    monkeypatch.setattr(users, "_DUMMY", quick.hash("calame: a name nobody has"))
