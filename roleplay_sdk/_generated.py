"""The generated client's endpoints and models, imported when first used, not with roleplay_sdk.

The generated client is shipped inside this package as `roleplay_sdk._service_client` (in
the checkout a link to generated/roleplay_service_client, the generator's output), so it can
never clash with another client generated for the same service. Its modules import each other
relatively, so the package works under this name unchanged.

Why lazily: `_service_client.models` imports every generated model at once, and
importing all thirteen endpoint modules up front was the largest share of `import roleplay_sdk`
(~50 ms of ~295 ms). A service pays it once, on its first call, instead of at start-up.

Each endpoint module builds its request (method, path, query, headers, the JSON of its request
model) in `_get_kwargs`, the function its own `sync_detailed` calls; the facade sends that
through its httpx client and parses the raw answer itself. It does not call `sync_detailed`:
that would also parse every answer into generated models, which the facade threw away (7% of a
review's time, a quarter of bulk_results'), and whose enums raise on values the spec may add.
The generator is pinned (openapi-python-client.yaml, scripts/regenerate), so this name is too.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

import attrs

_PACKAGE = "roleplay_sdk._service_client"
_API = f"{_PACKAGE}.api"
_MODELS = f"{_PACKAGE}.models"


@attrs.frozen
class LazyEndpoint:
    """Stands for `roleplay_sdk._service_client.api.<tag>.<name>` (a _flow.Endpoint).

    The module's `_get_kwargs` is looked up on the first request and kept (a module is not
    reloaded under a running client), so later calls skip the import machinery.
    """

    tag: str
    name: str
    _build: Callable[..., dict[str, Any]] | None = attrs.field(
        default=None, init=False, repr=False, eq=False
    )

    @property
    def module(self) -> ModuleType:
        return importlib.import_module(f"{_API}.{self.tag}.{self.name}")

    def request(self, **kwargs: Any) -> dict[str, Any]:
        """The httpx request arguments the generated endpoint builds for these arguments."""
        build = self._build
        if build is None:
            build = self.module._get_kwargs
            object.__setattr__(self, "_build", build)  # frozen: the one field set after init
        return build(**kwargs)


def model(name: str) -> Any:
    """A generated model or enum class by name, e.g. model("ConfigureRequest")."""
    return getattr(importlib.import_module(_MODELS), name)
