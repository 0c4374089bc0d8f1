from pages.frame import coming

coming("validation")
