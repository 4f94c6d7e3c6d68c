"""The offline (file://) build loads nothing from a third party.

Material's offline plugin adds `https://unpkg.com/iframe-worker/shim` to every page unless
an iframe-worker shim is already listed; this hook lists our vendored copy
(overrides/assets/javascripts/iframe-worker/) first, and only in the offline build.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

SHIM = "assets/javascripts/iframe-worker/shim.js"


@event_priority(10)  # before Material's offline plugin (0) looks at the polyfills
def on_config(config):
    polyfills = config.extra.get("polyfills", [])
    if config.plugins["material/offline"].config.enabled and SHIM not in polyfills:
        config.extra["polyfills"] = [*polyfills, SHIM]
    return config
