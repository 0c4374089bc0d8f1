from pages.frame import coming

coming("editor")
