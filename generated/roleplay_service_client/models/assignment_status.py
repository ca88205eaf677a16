from enum import StrEnum


class AssignmentStatus(StrEnum):
    ASSIGNED = "assigned"
    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    UNASSIGNED = "unassigned"

    def __str__(self) -> str:
        return str(self.value)
