"""Placeholder for `make demo`: list the operations of the generated client.

`make demo` runs `python -m roleplay_cli demo` once the CLI has that command; until then it runs
this script, which only reads the generated package (nothing is sent anywhere).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import roleplay_service_client.api as api

ROUTE = re.compile(r'"method":\s*"(?P<method>\w+)",\s*"url":\s*f?"(?P<url>[^"]+)"')


def main() -> None:
    rows: list[tuple[str, str, str, str]] = []
    for info in pkgutil.walk_packages(api.__path__, f"{api.__name__}."):
        if info.ispkg:
            continue
        module = importlib.import_module(info.name)
        route = ROUTE.search(inspect.getsource(module._get_kwargs))
        method, url = (route["method"].upper(), route["url"]) if route else ("?", "?")
        summary = (inspect.getdoc(module.sync_detailed) or "").splitlines()[0]
        tag, name = info.name.split(".")[-2:]
        rows.append((tag, f"{method} {url}", name, summary))

    print("roleplay_service_client: operations generated from openapi.yaml\n")
    tag_width = max(len(row[0]) for row in rows)
    route_width = max(len(row[1]) for row in rows)
    for tag, route_text, name, summary in sorted(rows):
        print(f"  {tag:<{tag_width}}  {route_text:<{route_width}}  {name}()")
        print(f"  {'':<{tag_width}}  {summary}")
    print(f"\n{len(rows)} operations")


if __name__ == "__main__":
    main()
