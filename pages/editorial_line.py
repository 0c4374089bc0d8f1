from pages.frame import coming

coming("editorial")
