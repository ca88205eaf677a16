from enum import StrEnum


class VideoUploadTargetMethod(StrEnum):
    PUT = "PUT"

    def __str__(self) -> str:
        return str(self.value)
