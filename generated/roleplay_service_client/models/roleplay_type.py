from enum import StrEnum


class RoleplayType(StrEnum):
    CUSTOM = "custom"
    CUSTOMER_SUCCESS = "customer_success"
    SALES = "sales"
    SUPPORT = "support"

    def __str__(self) -> str:
        return str(self.value)
