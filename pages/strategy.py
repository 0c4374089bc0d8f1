from pages.frame import coming

coming("strategy")
