"""The MkDocs adapter: ``plugins: [fonds]`` in mkdocs.yml.

For now it publishes the JSON Schemas under ``schemas/`` (so editors can point at the site)
and turns catalogue problems into MkDocs warnings, which make ``mkdocs build --strict`` fail.
Catalogue pages come with the site issue; they will be generated here, in memory.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import schemas
from .checks import check_repository
from .diagnostics import Severity
from .loader import ConfigError

log = logging.getLogger("mkdocs.plugins.fonds")


class FondsPluginConfig(Config):
    root = config_options.Type(str, default=".")
    """The catalogue repository, relative to mkdocs.yml."""


class FondsPlugin(BasePlugin[FondsPluginConfig]):
    def on_config(self, config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").parent / self.config.root
        try:
            _, diagnostics = check_repository(root)
        except ConfigError as exc:
            log.warning(exc.diagnostic.render())
            return config
        for diagnostic in diagnostics:
            if diagnostic.severity is Severity.ERROR:
                log.warning(diagnostic.render())
            else:
                log.info(diagnostic.render())
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for name in ("common", *schemas.KINDS):
            files.append(
                File.generated(config, f"schemas/{name}.schema.json", content=schemas.schema_text(name))
            )
        return files
