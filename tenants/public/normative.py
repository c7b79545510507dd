"""The normative base the district publishes once for every school (8.1).

Until the district area keeps these documents itself, they are shipped here as data: only real
documents, with their exact titles, numbers and dates.
"""

from datetime import date

from nastavnik.publication import PublicDocument

LEVELS = {
    "federal": "Федеральные документы",
    "regional": "Региональные документы",
    "district": "Документы Управления образования района",
    "school": "Локальные акты школы",
}

COMMON_DOCUMENTS: tuple[PublicDocument, ...] = (
    PublicDocument(
        title="Федеральный закон «Об образовании в Российской Федерации»",
        number="273-ФЗ",
        signed_on=date(2012, 12, 29),
        level="federal",
    ),
    PublicDocument(
        title="Федеральный закон «О персональных данных»",
        number="152-ФЗ",
        signed_on=date(2006, 7, 27),
        level="federal",
    ),
    PublicDocument(
        title="Указ Президента Российской Федерации «О проведении в Российской Федерации "
        "Года педагога и наставника»",
        number="401",
        signed_on=date(2022, 6, 27),
        level="federal",
    ),
    PublicDocument(
        title="Письмо Министерства просвещения Российской Федерации «О направлении методических "
        "рекомендаций» (Методические рекомендации по разработке и внедрению системы (целевой "
        "модели) наставничества педагогических работников в образовательных организациях)",
        number="АЗ-1128/08",
        signed_on=date(2021, 12, 21),
        level="federal",
    ),
    PublicDocument(
        title="Приказ МУ «Управление образования Курчалоевского муниципального района» "
        "«Об утверждении положения о системе наставничества педагогических работников "
        "в образовательных организациях Курчалоевского муниципального района»",
        number="131-од",
        signed_on=date(2022, 8, 17),
        level="district",
    ),
)
