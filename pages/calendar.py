from pages.frame import coming

coming("calendar")
