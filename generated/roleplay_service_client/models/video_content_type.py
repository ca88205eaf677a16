from enum import StrEnum


class VideoContentType(StrEnum):
    VIDEOWEBM = "video/webm"

    def __str__(self) -> str:
        return str(self.value)
