"""Where the user's things live ($BALINT_HOME), and their config.toml: read, shown, changed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from balint_cli.core.digits import number
from balint_cli.core.format import FormatRef, language_code, line_text
from balint_cli.core.rules import (
    ASK,
    DEBRIEF_MINUTES,
    MAX_DEBRIEF_MINUTES,
    MAX_LABEL,
    MINUTES,
    Debriefing,
    GroupTime,
)
from balint_cli.core.words import one_of
from balint_cli.errors import BadInput
from balint_cli.formats.builtin import DEFAULT_FORMAT
from balint_cli.formats.catalogue import Loaded, looks_like_path, resolve
from balint_cli.fs.files import show_path, write_atomic
from balint_cli.fs.locks import changing
from balint_cli.fs.paths import CONFIG, CONFIG_LOCK
from balint_cli.fs.toml import explain, parse_toml, problems, read_bytes, suggest
from balint_cli.fs.tomledit import with_key
from balint_cli.i18n import available, speaks


class Config(BaseModel):
    """The settings in config.toml; every one is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    default_format: Annotated[
        FormatRef,
        Field(
            description="The format run, plan and handout use when given none: a format's "
            "name or the path of a .toml file.",
        ),
    ] = DEFAULT_FORMAT
    log: Annotated[bool, Field(description="Keep a private log of each session.")] = True
    bell: Annotated[bool, Field(description="A soft bell when a phase's time is up.")] = True
    auto: Annotated[
        bool,
        Field(
            description="When a phase's time is up, move on by itself (and end the session "
            "after the last phase) rather than wait for the leader."
        ),
    ] = False
    discreet: Annotated[
        bool, Field(description="Whole minutes, no big digits, no bell (d switches).")
    ] = False
    default_group: Annotated[
        Annotated[str, Field(min_length=1, max_length=MAX_LABEL), AfterValidator(line_text)]
        | None,
        Field(description="The group run takes when given no --group: its label."),
    ] = None
    language: Annotated[
        Annotated[str, Field(max_length=20), AfterValidator(language_code)] | None,
        Field(
            description="balint's own words when the format does not say: a language code "
            "such as en or de."
        ),
    ] = None
    time: Annotated[
        GroupTime,
        Field(
            description="How much of the time the group's view shows: minutes (about how "
            "many), none, or clock (the countdown, for a demonstration)."
        ),
    ] = MINUTES
    debrief: Annotated[
        Debriefing,
        Field(
            description='After a co-led session: "ask" the leaders whether to debrief '
            'together, "always" debrief, or "never".'
        ),
    ] = ASK
    debrief_minutes: Annotated[
        float,
        Field(
            gt=0,
            le=MAX_DEBRIEF_MINUTES,
            allow_inf_nan=False,
            description=f"How long the co-leaders' debrief is given: more than 0 minutes, at "
            f"most {MAX_DEBRIEF_MINUTES}.",
        ),
    ] = DEBRIEF_MINUTES


SETTINGS = tuple(Config.model_fields)
# What a true-or-false setting takes on the command line; config.toml itself takes TOML's
# true and false only.
_TRUE, _FALSE = ("true", "yes", "on"), ("false", "no", "off")


@dataclass(frozen=True)
class Setting:
    """One setting as config show gives it."""

    key: str
    value: Any  # None: not set
    default: Any
    from_file: bool


def load_config(folder: Path) -> Config:
    """The user's config, or the defaults when there is no config.toml."""
    return _read(folder)[0]


def settings(folder: Path) -> list[Setting]:
    """Every setting: its value, its default, and whether config.toml gives it."""
    config, data = _read(folder)
    return [
        Setting(key, getattr(config, key), field.default, key in data)
        for key, field in Config.model_fields.items()
    ]


def set_setting(folder: Path, key: str, text: str) -> Any:
    """Set key to what text says in config.toml, checked as the file would be; the value set."""
    value = _checked(_known(key), _typed(key, text), folder)
    _write(folder, key, value)
    return value


def unset_setting(folder: Path, key: str) -> bool:
    """Take key out of config.toml, back to its default; whether the file gave it at all.

    A key balint does not know can be taken out too: that is how a misspelt one is mended.
    """
    if key not in _file_data(folder)[1]:
        _known(key)
        return False
    _write(folder, key, None)
    return True


def _read(folder: Path) -> tuple[Config, dict[str, Any]]:
    """The config and what config.toml says (nothing when there is no file)."""
    path, data = _file_data(folder)
    try:
        return Config.model_validate(data), data
    except ValidationError as err:
        raise explain(err, data, show_path(path), "config file", SETTINGS) from None


def _file_data(folder: Path) -> tuple[Path, dict[str, Any]]:
    path = folder / CONFIG
    if not path.exists():
        return path, {}
    return path, parse_toml(read_bytes(path, "config file"), show_path(path), "config file")


def _known(key: str) -> str:
    if key not in SETTINGS:
        raise BadInput(
            f"'{show_path(key)}' is not a setting balint knows{suggest(key, SETTINGS)}; "
            f"the settings are {', '.join(SETTINGS)}."
        )
    return key


def _typed(key: str, text: str) -> Any:
    """The value text stands for: true or false for a setting that is one, a number for one
    that is a number (whole where it is whole), else the text."""
    kind = Config.model_fields[key].annotation
    if kind is float:
        said = number(text)
        if said is None:
            raise BadInput(f"{key} must be a number, such as 15, not '{show_path(text)[:40]}'.")
        return int(said) if said.is_integer() and abs(said) < 1e15 else said
    if key == "language":  # the language in small letters: DE is German too, as de-AT is
        typed = text.strip()
        code = re.split(r"[-_]", typed, maxsplit=1)[0]
        return code.lower() + typed[len(code) :]
    if kind is not bool:
        return text
    if text.strip().lower() in _TRUE:
        return True
    if text.strip().lower() in _FALSE:
        return False
    raise BadInput(
        f"{key} must be true or false (yes/no and on/off work too), "
        f"not '{show_path(text)[:40]}'."
    )


def _checked(key: str, value: Any, folder: Path) -> Any:
    """value, as config.toml would have it checked; a default_format must name a format,
    and a language be one balint speaks (set by hand, another falls back to English)."""
    try:
        Config.model_validate({key: value})
    except ValidationError as err:
        raise BadInput(f"{problems(err, {key: value}, SETTINGS)[0]}.") from None
    if key == "language" and not speaks(value):
        raise BadInput(
            f"language must be one balint speaks, {one_of(available())}, not '{show_path(value)}'."
        )
    if key == "default_format":
        if looks_like_path(value):  # kept whole: a relative path would break in another folder
            value = str(Path(value).expanduser().absolute())
        try:
            resolve(value, folder)
        except BadInput as err:
            raise BadInput(f"default_format: {err.message}", err.details) from None
    return value


def _write(folder: Path, key: str, value: Any | None) -> None:
    """config.toml with key set (None: removed), written whole or not at all, private; read
    and written under its lock, so that two settings changed at once are both kept."""
    path = folder / CONFIG
    with changing(folder / CONFIG_LOCK, f"your settings ({CONFIG})"):
        raw = read_bytes(path, "config file") if path.exists() else b""
        parse_toml(raw, show_path(path), "config file")  # a file it cannot read is left alone
        old = raw.decode("utf-8-sig")
        write_atomic(path, with_key(old, key, value), force=True, private=True, make_folder=True)


def chosen_format(ref: str | None, folder: Path) -> Loaded:
    """The format named on the command line, else config.toml's default_format."""
    if ref:
        return resolve(ref, folder)
    default = load_config(folder).default_format
    try:
        return resolve(default, folder)
    except BadInput as err:  # the user never typed this name: say where it came from
        raise BadInput(
            f"default_format in {show_path(folder / CONFIG)}: {err.message}", err.details
        ) from None
