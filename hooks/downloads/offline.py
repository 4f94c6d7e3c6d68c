"""The offline (file://) build loads nothing from a third party.

Material's offline plugin adds `https://unpkg.com/iframe-worker/shim` to every page unless
an iframe-worker shim is already listed; `add_worker_shim` lists our vendored copy
(overrides/assets/javascripts/iframe-worker/) first, and only in the offline build.
"""

from __future__ import annotations

SHIM = "assets/javascripts/iframe-worker/shim.js"


def add_worker_shim(config, offline: bool) -> None:
    """Run before Material's offline plugin reads the polyfills (hooks/pipeline.py's on_config)."""
    polyfills = config.extra.get("polyfills", [])
    if offline and SHIM not in polyfills:
        config.extra["polyfills"] = [*polyfills, SHIM]
