from pages.frame import coming

coming("keywords")
