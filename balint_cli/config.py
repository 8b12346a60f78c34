"""Where the user's things live ($BALINT_HOME), and their config.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from balint_cli.errors import BadInput
from balint_cli.files import show_path
from balint_cli.folder import config_path
from balint_cli.formats import DEFAULT_FORMAT, Loaded, language_code, line_text, resolve
from balint_cli.tomlfile import explain, read_toml


class Config(BaseModel):
    """The settings in config.toml; every one is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    default_format: Annotated[
        str, Field(min_length=1, max_length=300), AfterValidator(line_text)
    ] = DEFAULT_FORMAT
    log: bool = True
    bell: bool = True
    discreet: bool = False  # whole minutes, no big digits, no bell
    default_group: (
        Annotated[str, Field(min_length=1, max_length=40), AfterValidator(line_text)] | None
    ) = None
    language: Annotated[str, Field(max_length=20), AfterValidator(language_code)] | None = (
        None  # what balint says around a format's words: "en", "de"
    )


def load_config(folder: Path) -> Config:
    """The user's config, or the defaults when there is no config.toml."""
    path = config_path(folder)
    if not path.exists():
        return Config()
    data = read_toml(path, "config file")
    try:
        return Config.model_validate(data)
    except ValidationError as err:
        raise explain(
            err, data, show_path(path), "config file", tuple(Config.model_fields)
        ) from None


def chosen_format(ref: str | None, folder: Path) -> Loaded:
    """The format named on the command line, else config.toml's default_format."""
    if ref:
        return resolve(ref, folder)
    default = load_config(folder).default_format
    try:
        return resolve(default, folder)
    except BadInput as err:  # the user never typed this name: say where it came from
        raise BadInput(
            f"default_format in {show_path(config_path(folder))}: {err.message}", err.details
        ) from None
