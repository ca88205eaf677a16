from enum import StrEnum


class PersonaId(StrEnum):
    EMMA = "emma"
    JOHN = "john"
    KAPIL = "kapil"
    PAYAL = "payal"

    def __str__(self) -> str:
        return str(self.value)
