from enum import StrEnum


class ArtifactType(StrEnum):
    SESSION_AUDIO = "session_audio"
    SESSION_VIDEO = "session_video"
    TRANSCRIPT = "transcript"

    def __str__(self) -> str:
        return str(self.value)
