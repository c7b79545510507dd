"""The closed lists of the Regulation that several features share, each in one place.

The bottom of the school's features: it imports none of them, and staff, banks, matching,
pairings and programs take their lists from here.
"""

from nastavnik.types import LabelledEnum


class QualificationCategory(LabelledEnum):
    """A teacher's qualification category, as the staff register keeps it."""

    NONE = "none", "без категории"
    CONFORMITY = "conformity", "соответствие занимаемой должности"
    FIRST = "first", "первая"
    HIGHEST = "highest", "высшая"


class MenteeCategory(LabelledEnum):
    """Who needs mentoring (the mentee bank, roadmap stage 2)."""

    YOUNG = "young", "Молодой / начинающий педагог"
    NEW_TO_SCHOOL = "new_to_school", "Педагог, впервые пришедший в школу"
    NEW_POSITION = "new_position", "Педагог на новом предмете или должности"
    DIFFICULTIES = "difficulties", "Педагог с профессиональными затруднениями"
    REVERSE = "reverse", "Опытный педагог (обратное наставничество)"


class Area(LabelledEnum):
    """An area of professional difficulty: a mentee's request, a mentor's competence, what a
    program addresses."""

    SUBJECT = "subject", "Предметное содержание"
    METHODS = "methods", "Методика преподавания"
    UPBRINGING = "upbringing", "Воспитательная работа"
    LESSONS = "lessons", "Урочная и внеурочная деятельность"
    PSYCHOLOGY = "psychology", "Психолого-педагогическое сопровождение"
    DIGITAL = "digital", "Цифровая образовательная среда"
    OTHER = "other", "Другое"


class MentoringForm(LabelledEnum):
    """The forms of mentoring of section 2.3; a school may add its own (pairings.CustomForm)."""

    VIRTUAL = "virtual", "Виртуальное (дистанционное) наставничество"
    GROUP = "group", "Групповое наставничество"
    SHORT_TERM = "short_term", "Краткосрочное или целеполагающее наставничество"
    REVERSE = "reverse", "Реверсивное наставничество"
    SITUATIONAL = "situational", "Ситуационное наставничество"
    SPEED = "speed", "Скоростное наставничество"
    TRADITIONAL = "traditional", "Традиционная форма наставничества («один на один»)"
    TEACHER_TEACHER = "teacher_teacher", "«Педагог – педагог»"
    HEAD_TEACHER = "head_teacher", "«Руководитель образовательной организации – педагог»"
    EMPLOYER_STUDENT = "employer_student", "«Работодатель – студент»"
    UNIVERSITY_TEACHER = "university_teacher", "«Педагог вуза/колледжа – молодой педагог»"
