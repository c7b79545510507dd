"""What the founding order № 90-од takes from the roadmap (Приложение 2 к приказу).

    from nastavnik.tenants.roadmap.annex import (
        ANNEX_COLUMNS, ANNEX_TITLE, annex_rows, is_approved, roadmap_of_year,
    )

- `roadmap_of_year(year) -> Roadmap | None`: the bound school's roadmap of the academic year
  named by its starting calendar year (2026 → 2026/2027), or None;
- `is_approved(roadmap) -> bool`: approved by the director (then `roadmap.approved_on` and
  `roadmap.approved_by_name` say when and by whom); False for None;
- `annex_rows(roadmap) -> list[tuple[str, str, str, str, str]]`: the seed's table, one row per
  stage: («1.», «Подготовка условий …», the activities joined as the seed joins them, the
  timings, the responsible); the columns are ANNEX_COLUMNS, the «№» column included, so the
  rows go to `documents.render_order` as they are (annex_columns=ANNEX_COLUMNS).

Activities are joined as the seed writes its cells: a stage's lead words (stage 1), then each
activity on its own line after «– » (stages 1, 5, 6) or one sentence after another (2, 3, 4, 7);
the timings and the responsible are the distinct ones of the stage's activities, one per line.
A stage with no activities left has empty cells.
"""

from nastavnik.tenants.roadmap.models import Roadmap, Stage
from nastavnik.tenants.roadmap.services import is_approved, roadmap_of_year
from nastavnik.tenants.roadmap.template import BY_STAGE

ANNEX_TITLE = (
    "Дорожная карта (план мероприятий) по реализации Положения о системе наставничества "
    "педагогических работников"
)
ANNEX_COLUMNS = (
    "№",
    "Наименование этапа",
    "Содержание деятельности и план мероприятий",
    "Сроки",
    "Ответственный",
)

__all__ = ["ANNEX_COLUMNS", "ANNEX_TITLE", "annex_rows", "is_approved", "roadmap_of_year"]


def _distinct(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def annex_rows(roadmap: Roadmap) -> list[tuple[str, str, str, str, str]]:
    """The seed's table «№ | Наименование этапа | Содержание … | Сроки | Ответственный»."""
    by_stage: dict[Stage, list] = {stage: [] for stage in Stage}
    for activity in roadmap.activities:
        by_stage[Stage(activity.stage)].append(activity)
    rows = []
    for stage, activities in by_stage.items():
        template = BY_STAGE.get(stage)
        contents = [a.content.strip() for a in activities]
        if template is not None and template.style == "dash":
            text = "\n".join(f"– {c}" for c in contents)
        else:
            text = " ".join(contents)
        if template is not None and template.lead and contents:
            text = f"{template.lead}\n{text}"
        rows.append(
            (
                f"{stage.number}.",
                stage.label,
                text,
                "\n".join(_distinct(a.timing for a in activities)),
                "\n".join(_distinct(a.responsible_text for a in activities)),
            )
        )
    return rows
