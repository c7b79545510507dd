"""Questionnaires (анкетирование): templates, who is to fill them, the answers and their results."""
