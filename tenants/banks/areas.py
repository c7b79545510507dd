"""The areas of a teacher's professional difficulties and of a mentor's competences.

The banks record them (a mentee's requests, a mentor's competences); the selection of pairs
(6.1) weighs one against the other, and a program names the difficulties it addresses.
"""

AREAS = ("subject", "methods", "upbringing", "lessons", "psychology", "digital", "other")
AREA_LABELS = {
    "subject": "Предметное содержание",
    "methods": "Методика преподавания",
    "upbringing": "Воспитательная работа",
    "lessons": "Урочная и внеурочная деятельность",
    "psychology": "Психолого-педагогическое сопровождение",
    "digital": "Цифровая образовательная среда",
    "other": "Другое",
}
