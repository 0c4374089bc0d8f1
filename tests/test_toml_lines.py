"""Where a problem of a TOML file Calame reads is written: one reader for the brief and the crisis file."""

from core.crisis.file import FORMAT, loads, validate
from core.crisis.file import locate as locate_crisis
from core.toml_lines import locate

CRISIS = (f'format = "{FORMAT}"\n'           # 1
          'keywords = ["rappel", "couture"]\n'  # 2
          '\n'
          '[[risks]]\n'                        # 4
          'gravity = 2\n'                      # 5
          'kind = "accident"\n'                # 6
          '\n'
          '[[risks]]\n'                        # 8
          'name = "Panne du site"\n'           # 9
          'gravity = 1\n'                      # 10
          'kind = "accidentel"\n')             # 11


def test_a_field_missing_from_a_block_is_placed_on_that_block_not_on_the_next_one_that_has_it():
    problems = locate_crisis(validate(loads(CRISIS))[1], CRISIS)
    assert [(p.line, p.path, p.key) for p in problems] == [
        (4, "risks[1].name", "crisis.file.required"),
        (11, "risks[2].kind", "crisis.file.bad_kind")]


class _Problem:
    def __init__(self, path):
        self.path, self.line = path, None


def test_a_section_is_found_by_its_first_block_a_key_by_its_line_and_a_block_or_key_not_written_stays_unplaced():
    text = 'langue = "fr"\n[brand]\nname = "Maison Lila"\n\n[[offers]]\nname = "Robe Lila"\n\n[[offers]]\n' \
           'price = 120\n'
    problems = locate([_Problem(p) for p in ("brand.name", "offers", "offers[2].price", "offers[3].name",
                                               "langue", "ton")], text, items={"offers"})
    assert [p.line for p in problems] == [3, 5, 9, None, 1, None]
